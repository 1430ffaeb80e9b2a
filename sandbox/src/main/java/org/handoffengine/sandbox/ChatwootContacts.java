package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.iterable;
import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's contacts: search (with rack-attack's throttle), create, their places in an inbox
 * ({@code contact_inboxes}, each with a source id), as {@code ContactsController} and the {@code
 * Contact} model have them: E.164 phone numbers, and phone number, identifier and email unique in
 * the account. Each contact belongs to one account. Called under the Chatwoot sandbox's lock.
 */
final class ChatwootContacts {

  /** Chatwoot's contact phone validation. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

  private final ObjectMapper json;
  private final Map<Long, ObjectNode> contacts = new LinkedHashMap<>();
  private final Map<Long, Long> accounts = new LinkedHashMap<>();

  /*
   * Indexes over the contacts, as Chatwoot's database has unique indexes on these values. A bench
   * run holds thousands of contacts; scanning them on every request added milliseconds to each
   * figure measured through the sandbox. Search still passes over the account's contacts, but over
   * fields lower-cased once. Contacts never change once stored.
   */
  private final Map<Long, List<Searchable>> byAccount = new HashMap<>();
  private final Set<Unique> taken = new HashSet<>();
  private final Map<String, ObjectNode> bySourceId = new HashMap<>();
  private long nextId;

  /** rack-attack's contact-search throttle: per account, fixed windows; 0 = off (development). */
  private int searchLimit;

  private Duration searchWindow = Duration.ofMinutes(1);
  private final Map<String, Integer> searchCounts = new LinkedHashMap<>();
  private int searchesThrottled;

  ChatwootContacts(ObjectMapper json) {
    this.json = json;
  }

  /** Forgets contacts and search counts; the throttle's setting stays. */
  void reset() {
    searchCounts.clear();
    searchesThrottled = 0;
    contacts.clear();
    accounts.clear();
    byAccount.clear();
    taken.clear();
    bySourceId.clear();
    nextId = 100;
  }

  void limitSearches(int perWindow, Duration window) {
    this.searchLimit = perWindow;
    this.searchWindow = window;
  }

  int searchesThrottled() {
    return searchesThrottled;
  }

  List<JsonNode> all() {
    return List.copyOf(contacts.values());
  }

  List<JsonNode> withPhone(String phone) {
    return contacts.values().stream()
        .filter(c -> phone.equals(c.path("phone_number").asString(null)))
        .map(c -> (JsonNode) c)
        .toList();
  }

  ObjectNode get(long id) {
    return contacts.get(id);
  }

  /** The contact, when it belongs to the account; else null. */
  ObjectNode inAccount(long id, long account) {
    return accounts.getOrDefault(id, -1L) == account ? contacts.get(id) : null;
  }

  /**
   * A contact a customer became by writing in on their own, in the account's inbox, with a fresh
   * source id.
   */
  ObjectNode addWalkIn(long account, long inbox, String phone, String name) {
    ObjectNode contact = json.createObjectNode();
    long id = nextId++;
    contact.put("id", id);
    contact.put("name", name);
    contact.put("phone_number", phone);
    contact.putArray("contact_inboxes");
    store(contact, account);
    addContactInbox(contact, UUID.randomUUID().toString(), inbox);
    return contact;
  }

  /**
   * The account's contact with this source id in this inbox ({@code ContactInbox.find_by}), or
   * null.
   */
  ObjectNode withSourceId(String sourceId, long account, long inbox) {
    ObjectNode contact = bySourceId.get(sourceId);
    boolean inInbox =
        contact != null
            && inAccount(contact.get("id").asLong(), account) != null
            && iterable(contact.path("contact_inboxes")).stream()
                .anyMatch(
                    ci ->
                        sourceId.equals(ci.path("source_id").asString())
                            && ci.path("inbox").path("id").asLong() == inbox);
    return inInbox ? contact : null;
  }

  /**
   * GET /contacts/search?q=: name, email, phone or identifier containing q, throttled as
   * rack-attack does.
   */
  SandboxResponse search(String q, long account) {
    SandboxResponse throttled = throttle(account);
    if (throttled != null) {
      return throttled;
    }
    String needle = q.toLowerCase(Locale.ROOT);
    List<ObjectNode> found = new ArrayList<>();
    if (!needle.isEmpty()) {
      for (Searchable c : byAccount.getOrDefault(account, List.of())) {
        if (c.contains(needle)) {
          found.add(c.contact());
        }
      }
    }
    return SandboxResponse.ok(
        Map.of("meta", Map.of("count", found.size(), "current_page", 1), "payload", found));
  }

  SandboxResponse get(long id, long account) {
    ObjectNode contact = inAccount(id, account);
    return contact == null ? notFound() : SandboxResponse.ok(Map.of("payload", contact));
  }

  /**
   * POST /contacts, with its place in the inbox when {@code inbox_id} names the account's inbox.
   */
  SandboxResponse create(JsonNode request, long account, long inbox) {
    String phone = text(request, "phone_number");
    String identifier = text(request, "identifier");
    String email = text(request, "email");
    if (phone != null && !E164.matcher(phone).matches()) {
      return invalid("Phone number should be in e164 format", "phone_number");
    }
    if (phone != null && taken.contains(Unique.phone(account, phone))) {
      return invalid("Phone number has already been taken", "phone_number");
    }
    if (identifier != null && taken.contains(Unique.identifier(account, identifier))) {
      return invalid("Identifier has already been taken", "identifier");
    }
    if (email != null && taken.contains(Unique.email(account, email))) {
      return invalid("Email has already been taken", "email");
    }
    Long inboxId = request.hasNonNull("inbox_id") ? request.get("inbox_id").asLong() : null;
    if (inboxId != null && inboxId != inbox) {
      return notFound();
    }
    ObjectNode contact = json.createObjectNode();
    long id = nextId++;
    contact.put("id", id);
    contact.put("name", text(request, "name"));
    contact.put("email", email);
    contact.put("phone_number", phone);
    contact.put("identifier", identifier);
    contact.put("availability_status", "offline");
    contact.put("thumbnail", "");
    contact.set(
        "additional_attributes",
        request.path("additional_attributes").isObject()
            ? request.get("additional_attributes")
            : json.createObjectNode());
    contact.set(
        "custom_attributes",
        request.path("custom_attributes").isObject()
            ? request.get("custom_attributes")
            : json.createObjectNode());
    contact.put("created_at", Instant.now().getEpochSecond());
    contact.putArray("contact_inboxes");
    store(contact, account);
    ObjectNode contactInbox = null;
    if (inboxId != null) {
      contactInbox = addContactInbox(contact, UUID.randomUUID().toString(), inbox);
    }
    ObjectNode payload = json.createObjectNode();
    payload.set("contact", contact);
    ObjectNode ci = payload.putObject("contact_inbox");
    ci.set("inbox", contactInbox == null ? null : contactInbox.get("inbox"));
    ci.put("source_id", contactInbox == null ? null : contactInbox.get("source_id").asString());
    return SandboxResponse.ok(Map.of("payload", payload));
  }

  /** POST /contacts/{id}/contact_inboxes: source ids are unique across the installation. */
  SandboxResponse createContactInbox(long contactId, JsonNode request, long account, long inbox) {
    ObjectNode contact = inAccount(contactId, account);
    if (contact == null) {
      return notFound();
    }
    if (request.path("inbox_id").asLong() != inbox) {
      return notFound();
    }
    String sourceId =
        text(request, "source_id") != null
            ? text(request, "source_id")
            : UUID.randomUUID().toString();
    if (bySourceId.containsKey(sourceId)) {
      return invalid("Source has already been taken", "source_id");
    }
    return SandboxResponse.ok(addContactInbox(contact, sourceId, inbox));
  }

  private ObjectNode addContactInbox(ObjectNode contact, String sourceId, long inboxId) {
    ObjectNode contactInbox = json.createObjectNode();
    contactInbox.put("source_id", sourceId);
    ObjectNode inbox = contactInbox.putObject("inbox");
    inbox.put("id", inboxId);
    inbox.put("name", "Voice calls");
    inbox.put("channel_type", "Channel::Api");
    ((ArrayNode) contact.get("contact_inboxes")).add(contactInbox);
    bySourceId.put(sourceId, contact);
    return contactInbox;
  }

  private void store(ObjectNode contact, long account) {
    long id = contact.get("id").asLong();
    contacts.put(id, contact);
    accounts.put(id, account);
    byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(Searchable.of(contact));
    String phone = contact.path("phone_number").asString(null);
    String identifier = contact.path("identifier").asString(null);
    String email = contact.path("email").asString(null);
    if (phone != null) {
      taken.add(Unique.phone(account, phone));
    }
    if (identifier != null) {
      taken.add(Unique.identifier(account, identifier));
    }
    if (email != null) {
      taken.add(Unique.email(account, email));
    }
  }

  /** A contact with the fields search matches, lower-cased once when it was stored. */
  private record Searchable(ObjectNode contact, List<String> fields) {
    static Searchable of(ObjectNode contact) {
      return new Searchable(
          contact,
          Stream.of("name", "email", "phone_number", "identifier")
              .map(f -> contact.path(f).asString("").toLowerCase(Locale.ROOT))
              .toList());
    }

    boolean contains(String needle) {
      for (String field : fields) {
        if (field.contains(needle)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A value unique among an account's contacts; emails compare without case, as Chatwoot's. */
  private record Unique(long account, String field, String value) {
    static Unique phone(long account, String phone) {
      return new Unique(account, "phone_number", phone);
    }

    static Unique identifier(long account, String identifier) {
      return new Unique(account, "identifier", identifier);
    }

    static Unique email(long account, String email) {
      return new Unique(account, "email", email.toLowerCase(Locale.ROOT));
    }
  }

  /** rack-attack's answer above the limit: 429, "Retry later" as text, no Retry-After. */
  private SandboxResponse throttle(long account) {
    if (searchLimit <= 0) {
      return null;
    }
    String window = account + ":" + (System.currentTimeMillis() / searchWindow.toMillis());
    int count = searchCounts.merge(window, 1, Integer::sum);
    if (searchCounts.size() > 100) {
      searchCounts.keySet().removeIf(k -> !k.equals(window));
    }
    if (count <= searchLimit) {
      return null;
    }
    searchesThrottled++;
    return SandboxResponse.status(
        429,
        new SandboxResponse.Raw("text/plain", "Retry later\n".getBytes(StandardCharsets.UTF_8)));
  }
}
