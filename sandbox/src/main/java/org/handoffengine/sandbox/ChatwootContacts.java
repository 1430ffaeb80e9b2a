package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.iterable;
import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
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
    contacts.put(id, contact);
    accounts.put(id, account);
    addContactInbox(contact, UUID.randomUUID().toString(), inbox);
    return contact;
  }

  /**
   * The account's contact with this source id in this inbox ({@code ContactInbox.find_by}), or
   * null.
   */
  ObjectNode withSourceId(String sourceId, long account, long inbox) {
    return ofAccount(account).stream()
        .filter(
            c ->
                iterable(c.path("contact_inboxes")).stream()
                    .anyMatch(
                        ci ->
                            sourceId.equals(ci.path("source_id").asString())
                                && ci.path("inbox").path("id").asLong() == inbox))
        .findFirst()
        .orElse(null);
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
    List<ObjectNode> found =
        ofAccount(account).stream()
            .filter(c -> !needle.isEmpty())
            .filter(
                c ->
                    List.of("name", "email", "phone_number", "identifier").stream()
                        .anyMatch(
                            f -> c.path(f).asString("").toLowerCase(Locale.ROOT).contains(needle)))
            .toList();
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
    List<ObjectNode> existing = ofAccount(account);
    if (phone != null && !E164.matcher(phone).matches()) {
      return invalid("Phone number should be in e164 format", "phone_number");
    }
    if (phone != null
        && existing.stream().anyMatch(c -> phone.equals(c.path("phone_number").asString(null)))) {
      return invalid("Phone number has already been taken", "phone_number");
    }
    if (identifier != null
        && existing.stream()
            .anyMatch(c -> identifier.equals(c.path("identifier").asString(null)))) {
      return invalid("Identifier has already been taken", "identifier");
    }
    if (email != null
        && existing.stream().anyMatch(c -> email.equalsIgnoreCase(c.path("email").asString("")))) {
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
    contacts.put(id, contact);
    accounts.put(id, account);
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
    boolean taken =
        contacts.values().stream()
            .flatMap(c -> iterable(c.path("contact_inboxes")).stream())
            .anyMatch(ci -> sourceId.equals(ci.path("source_id").asString()));
    if (taken) {
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
    return contactInbox;
  }

  private List<ObjectNode> ofAccount(long account) {
    return contacts.values().stream()
        .filter(c -> accounts.getOrDefault(c.get("id").asLong(), -1L) == account)
        .toList();
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
