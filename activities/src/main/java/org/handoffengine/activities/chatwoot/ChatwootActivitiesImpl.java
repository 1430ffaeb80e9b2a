package org.handoffengine.activities.chatwoot;

import static org.handoffengine.platforms.JsonPaths.number;
import static org.handoffengine.platforms.JsonPaths.text;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.handoffengine.activities.http.ActivityAttempt;
import org.handoffengine.activities.http.AttemptDeadline;
import org.handoffengine.activities.http.PlatformFailures;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.Assignment;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.ContactCreate;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.ContactInboxCreate;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.ConversationCreate;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.EngineAttributes;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.Labels;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads.StatusToggle;
import org.handoffengine.platforms.chatwoot.ConversationAttributes;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.chatwoot.ContactConversation;
import org.handoffengine.workflows.chatwoot.ContactConversationRequest;
import org.handoffengine.workflows.chatwoot.ContactInboxRequest;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ContactRequest;
import org.handoffengine.workflows.chatwoot.ConversationLookup;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.HandoverRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import tools.jackson.databind.JsonNode;

/**
 * {@link ChatwootActivities} over Chatwoot's Application API. Every write first looks for what an
 * earlier attempt may already have created, so a retry after a lost response changes nothing.
 */
public class ChatwootActivitiesImpl implements ChatwootActivities {

  static final int INCOMING = 0;
  static final int OUTGOING = 1;
  static final String UNKNOWN_CALLER = "Unknown caller";

  private final ChatwootApi api;
  private final Duration requestTimeout;
  private final EngineMark marks;

  /** {@code requestTimeout}: the HTTP timeout of one Chatwoot call, see {@link AttemptDeadline}. */
  public ChatwootActivitiesImpl(ChatwootApi api, Duration requestTimeout) {
    this(api, requestTimeout, new EngineMark(EngineMark.Mode.AUTO));
  }

  public ChatwootActivitiesImpl(ChatwootApi api, Duration requestTimeout, EngineMark marks) {
    this.api = api;
    this.requestTimeout = requestTimeout;
    this.marks = marks;
  }

  private AttemptDeadline attempt() {
    return AttemptDeadline.start(requestTimeout, Clock.systemUTC());
  }

  @Override
  public ContactRef findOrCreateContact(ContactRequest request) {
    return findOrCreateContact(request, attempt());
  }

  @Override
  public String ensureContactInbox(ContactInboxRequest request) {
    return ensureContactInbox(request, attempt());
  }

  @Override
  public ConversationRef openConversation(ConversationRequest request) {
    return openConversation(request, attempt());
  }

  @Override
  public ContactConversation findContactAndOpenConversation(ContactConversationRequest request) {
    // One deadline for the whole step: every write in it must end before a retry could start.
    AttemptDeadline attempt = attempt();
    ContactRef contact = findOrCreateContact(request.contact(), attempt);
    String sourceId =
        contact.inboxSourceId() != null
            ? contact.inboxSourceId()
            : ensureContactInbox(request.contactInboxOf(contact), attempt);
    return new ContactConversation(
        contact, openConversation(request.conversationOf(contact, sourceId), attempt));
  }

  private ContactRef findOrCreateContact(ContactRequest request, AttemptDeadline attempt) {
    String key = request.phone() != null ? request.phone() : request.identifier();
    Optional<JsonNode> existing = findContact(request.accountId(), request);
    if (existing.isPresent()) {
      return contactRef(existing.get(), request.inboxId(), false);
    }
    ContactCreate contact =
        new ContactCreate(
            request.inboxId(),
            request.name() != null && !request.name().isBlank()
                ? request.name()
                : fallbackName(key),
            request.phone(),
            request.identifier());
    try {
      attempt.beforeWrite("create the contact");
      JsonNode created = api.createContact(request.accountId(), contact).path("payload");
      ContactRef ref = contactRef(created.path("contact"), request.inboxId(), true);
      // The answer also names the contact-inbox the create made for our inbox_id.
      boolean madeInOurInbox =
          Objects.equals(number(created, "contact_inbox", "inbox", "id"), request.inboxId());
      String sourceId =
          ref.inboxSourceId() == null && madeInOurInbox
              ? text(created, "contact_inbox", "source_id")
              : ref.inboxSourceId();
      return new ContactRef(ref.contactId(), ref.name(), true, sourceId, currentRun());
    } catch (ApplicationFailure refused) {
      // Another attempt may have created it between our search and our create (Chatwoot answers
      // 422 "has already been taken"): the contact we want exists, use it.
      return findContact(request.accountId(), request)
          .map(c -> contactRef(c, request.inboxId(), false))
          .orElseThrow(() -> refused);
    }
  }

  private String ensureContactInbox(ContactInboxRequest request, AttemptDeadline attempt) {
    Optional<String> existing =
        sourceIdIn(request.accountId(), request.contactId(), request.inboxId());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      attempt.beforeWrite("add the contact to the inbox");
      JsonNode created =
          api.createContactInbox(
              request.accountId(),
              request.contactId(),
              new ContactInboxCreate(
                  request.inboxId(), Objects.requireNonNull(request.sourceId())));
      return Objects.requireNonNullElse(text(created, "source_id"), request.sourceId());
    } catch (ApplicationFailure refused) {
      return sourceIdIn(request.accountId(), request.contactId(), request.inboxId())
          .orElseThrow(() -> refused);
    }
  }

  private ConversationRef openConversation(ConversationRequest request, AttemptDeadline attempt) {
    // A contact this run created on its first attempt here has no conversations yet; anything
    // else (a retry, another run, an older contact) may have ours already.
    if (!ActivityAttempt.isFirstIn(request.contactCreatedInRun())) {
      Optional<ConversationRef> ours = ourOpenConversation(request);
      if (ours.isPresent()) {
        return request.laterMessages() == null
            ? ours.get()
            : withMessagesIn(ours.get(), request, attempt);
      }
    }
    OutgoingMessage first = request.firstMessage();
    ConversationCreate conversation =
        new ConversationCreate(
            request.sourceId(),
            request.inboxId(),
            request.contactId(),
            "open",
            new EngineAttributes(
                Objects.requireNonNull(request.journeyId()),
                Objects.requireNonNull(request.callId())),
            first == null
                ? null
                : marks.messageBody(first.content(), first.key(), first.privateNote()));
    attempt.beforeWrite("create the conversation");
    JsonNode created = api.createConversation(request.accountId(), conversation);
    // Chatwoot answers the conversation with its last message: the one it was opened with.
    Long firstMessageId = null;
    for (JsonNode message : created.path("messages")) {
      if (first != null && EngineMark.keyOf(message).filter(first.key()::equals).isPresent()) {
        marks.learnFrom(message);
        firstMessageId = number(message, "id");
      }
    }
    ConversationRef opened =
        new ConversationRef(
            number(created, "id"), text(created, "status"), true, currentRun(), firstMessageId);
    if (request.laterMessages() == null) {
      return opened;
    }
    // This attempt created the conversation: nothing of ours can be in it yet, no need to look.
    return opened.withLaterMessageIds(
        post(
            request.accountId(), opened.conversationId(), request.laterMessages(), false, attempt));
  }

  /**
   * A conversation found again (an earlier attempt opened it, or the journey's earlier one): the
   * call's first message goes with the later ones, each posted only if its key is not there.
   */
  private ConversationRef withMessagesIn(
      ConversationRef found, ConversationRequest request, AttemptDeadline attempt) {
    List<OutgoingMessage> messages = new ArrayList<>(request.laterMessages().size() + 1);
    if (request.firstMessage() != null) {
      messages.add(request.firstMessage());
    }
    messages.addAll(request.laterMessages());
    List<Long> ids = post(request.accountId(), found.conversationId(), messages, true, attempt);
    Long firstMessageId = request.firstMessage() == null ? null : ids.get(0);
    List<Long> later = request.firstMessage() == null ? ids : ids.subList(1, ids.size());
    return new ConversationRef(
            found.conversationId(), found.status(), false, null, firstMessageId, null)
        .withLaterMessageIds(later);
  }

  private Optional<ConversationRef> ourOpenConversation(ConversationRequest request) {
    for (JsonNode conversation :
        api.contactConversations(request.accountId(), request.contactId()).path("payload")) {
      boolean ours =
          request
              .journeyId()
              .equals(text(conversation, "custom_attributes", ConversationAttributes.JOURNEY));
      boolean sameInbox = Objects.equals(number(conversation, "inbox_id"), request.inboxId());
      if (ours && sameInbox && !"resolved".equals(text(conversation, "status"))) {
        return Optional.of(
            new ConversationRef(number(conversation, "id"), text(conversation, "status"), false));
      }
    }
    return Optional.empty();
  }

  private static String currentRun() {
    return ActivityAttempt.current().map(ActivityAttempt::runId).orElse(null);
  }

  @Override
  public List<Long> postMessages(PostMessagesRequest request) {
    // The first messages of a conversation created in this run, on this step's first attempt, can
    // be nowhere yet: no need to look.
    return post(
        request.accountId(),
        request.conversationId(),
        request.messages(),
        !ActivityAttempt.isFirstIn(request.conversationCreatedInRun()),
        attempt());
  }

  /**
   * Posts the messages whose key is not in the conversation (listed first when {@code look}), in
   * order; returns the ids of all of them.
   */
  private List<Long> post(
      long accountId,
      long conversationId,
      List<OutgoingMessage> messages,
      boolean look,
      AttemptDeadline attempt) {
    Map<String, Long> alreadyPosted = new HashMap<>();
    if (look) {
      for (JsonNode message : api.messages(accountId, conversationId).path("payload")) {
        marks.learnFromListed(message);
        EngineMark.keyOf(message).ifPresent(key -> alreadyPosted.put(key, number(message, "id")));
      }
    }
    List<Long> ids = new ArrayList<>(messages.size());
    for (OutgoingMessage message : messages) {
      Long id = alreadyPosted.get(message.key());
      if (id == null) {
        attempt.beforeWrite("post message " + message.key());
        JsonNode created =
            api.createMessage(
                accountId,
                conversationId,
                marks.messageBody(message.content(), message.key(), message.privateNote()));
        marks.learnFrom(created);
        id = number(created, "id");
      }
      ids.add(id);
    }
    return ids;
  }

  @Override
  public ConversationSnapshot readConversation(ConversationLookup lookup) {
    JsonNode conversation = api.conversation(lookup.accountId(), lookup.conversationId());
    Instant lastCustomer = null;
    Instant lastAgent = null;
    for (JsonNode message :
        api.messages(lookup.accountId(), lookup.conversationId()).path("payload")) {
      if (message.path("private").asBoolean(false)) {
        continue;
      }
      Instant at = Instant.ofEpochSecond(message.path("created_at").asLong(0));
      int type = message.path("message_type").asInt(-1);
      if (type == INCOMING) {
        lastCustomer = latest(lastCustomer, at);
      } else if (type == OUTGOING
          && "user".equals(text(message, "sender", "type"))
          && !EngineMark.postedByEngine(message)) {
        lastAgent = latest(lastAgent, at);
      }
    }
    return new ConversationSnapshot(
        lookup.conversationId(), text(conversation, "status"), lastCustomer, lastAgent);
  }

  @Override
  public void handOver(HandoverRequest request) {
    JsonNode conversation = api.conversation(request.accountId(), request.conversationId());
    if (request.teamId() != null
        && !request.teamId().equals(number(conversation, "meta", "team", "id"))) {
      assigned(
          api.assign(
              request.accountId(), request.conversationId(), Assignment.team(request.teamId())),
          request,
          "team " + request.teamId());
    } else if (request.teamId() == null
        && request.agentId() != null
        && !request.agentId().equals(number(conversation, "meta", "assignee", "id"))) {
      assigned(
          api.assign(
              request.accountId(), request.conversationId(), Assignment.agent(request.agentId())),
          request,
          "agent " + request.agentId());
    }
    if (!"open".equals(text(conversation, "status"))) {
      api.toggleStatus(request.accountId(), request.conversationId(), new StatusToggle("open"));
    }
    Set<String> labels = new LinkedHashSet<>(labels(conversation));
    if (request.label() != null && labels.add(request.label())) {
      api.setLabels(request.accountId(), request.conversationId(), new Labels(List.copyOf(labels)));
    }
  }

  /**
   * Chatwoot looks the team or agent up without failing: for an id the account does not have, it
   * clears the conversation's team or assignee and answers {@code null} with 200. No retry fixes
   * that, so it is a refusal the journey shows, not an escalation that went nowhere.
   */
  private static void assigned(JsonNode answer, HandoverRequest request, String whom) {
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Chatwoot account "
              + request.accountId()
              + " has no "
              + whom
              + ": it answered null to the assignment of conversation "
              + request.conversationId()
              + " (check the escalation team-id or agent-id of its route, handoff.escalation.*)",
          PlatformFailures.REJECTED);
    }
  }

  private Optional<JsonNode> findContact(long accountId, ContactRequest request) {
    String query = request.phone() != null ? request.phone() : request.identifier();
    if (query == null) {
      return Optional.empty();
    }
    for (JsonNode contact : api.searchContacts(accountId, query).path("payload")) {
      // Search is fuzzy (substring on several fields); only an exact match is the same person.
      boolean samePhone =
          request.phone() != null && request.phone().equals(text(contact, "phone_number"));
      boolean sameIdentifier =
          request.identifier() != null && request.identifier().equals(text(contact, "identifier"));
      if (samePhone || sameIdentifier) {
        return Optional.of(contact);
      }
    }
    return Optional.empty();
  }

  private Optional<String> sourceIdIn(long accountId, long contactId, long inboxId) {
    return sourceIdIn(api.contact(accountId, contactId).path("payload"), inboxId);
  }

  /**
   * The source id in {@code contact_inboxes}, which Chatwoot includes wherever it answers a
   * contact.
   */
  private static Optional<String> sourceIdIn(JsonNode contact, long inboxId) {
    for (JsonNode contactInbox : contact.path("contact_inboxes")) {
      if (Objects.equals(number(contactInbox, "inbox", "id"), inboxId)) {
        return Optional.ofNullable(text(contactInbox, "source_id"));
      }
    }
    return Optional.empty();
  }

  private static ContactRef contactRef(JsonNode contact, long inboxId, boolean created) {
    Long id = number(contact, "id");
    if (id == null) {
      throw ApplicationFailure.newFailure(
          "Chatwoot answered a contact without an id", PlatformFailures.UNAVAILABLE);
    }
    return new ContactRef(
        id, text(contact, "name"), created, sourceIdIn(contact, inboxId).orElse(null));
  }

  private static List<String> labels(JsonNode conversation) {
    return StreamSupport.stream(conversation.path("labels").spliterator(), false)
        .map(JsonNode::asString)
        .toList();
  }

  private static Instant latest(Instant current, Instant candidate) {
    return current == null || candidate.isAfter(current) ? candidate : current;
  }

  private static String fallbackName(String key) {
    return key != null && key.startsWith("+") ? key : UNKNOWN_CALLER;
  }
}
