package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.iterable;
import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.person;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's conversations: create (with a first message, in one transaction), read, status,
 * assignment to an agent or team, labels, as {@code ConversationsController} and its jbuilder
 * partial have them. The messages are {@link ChatwootMessages}'. Called under the Chatwoot
 * sandbox's lock.
 */
final class ChatwootConversations {

  private final ObjectMapper json;
  private final ChatwootMessages messages;
  private final Map<Long, ObjectNode> conversations = new LinkedHashMap<>();
  private final Map<Long, ArrayNode> lastChanges = new HashMap<>();
  private long nextId;

  ChatwootConversations(ObjectMapper json, ChatwootMessages messages) {
    this.json = json;
    this.messages = messages;
  }

  void reset() {
    conversations.clear();
    lastChanges.clear();
    nextId = 1;
  }

  List<JsonNode> all() {
    return List.copyOf(conversations.values());
  }

  List<ObjectNode> stored() {
    return List.copyOf(conversations.values());
  }

  List<JsonNode> ofAccount(long account) {
    return conversations.values().stream()
        .filter(c -> c.path("account_id").asLong() == account)
        .map(c -> (JsonNode) c)
        .toList();
  }

  List<JsonNode> ofContact(long contactId) {
    return conversations.values().stream()
        .filter(c -> c.path("contact_id").asLong() == contactId)
        .map(c -> (JsonNode) c)
        .toList();
  }

  ObjectNode get(long id) {
    return conversations.get(id);
  }

  /** The conversation, when it belongs to the account; else null. */
  ObjectNode inAccount(long id, long account) {
    ObjectNode conversation = conversations.get(id);
    return conversation != null && conversation.path("account_id").asLong() == account
        ? conversation
        : null;
  }

  /**
   * POST /conversations for a contact already found by its source id.
   *
   * @param botInbox whether the inbox has an agent bot: Conversation#determine_conversation_status
   *     then starts it pending
   * @param bot the agent bot whose token the request carries, or null
   */
  SandboxResponse create(
      JsonNode request,
      long account,
      long inbox,
      ObjectNode contact,
      boolean botInbox,
      ObjectNode bot) {
    JsonNode firstMessage = request.path("message");
    if (firstMessage.isObject()) {
      // One transaction in Chatwoot: a message it refuses creates no conversation either.
      SandboxResponse refused = ChatwootMessages.refused(firstMessage);
      if (refused != null) {
        return refused;
      }
    }
    long id = nextId++;
    ObjectNode conversation = json.createObjectNode();
    conversation.put("id", id);
    conversation.put("account_id", account);
    conversation.put("inbox_id", inbox);
    conversation.put("contact_id", contact.get("id").asLong());
    conversation.put(
        "status",
        botInbox
            ? "pending"
            : request.hasNonNull("status") ? request.get("status").asString() : "open");
    conversation.set(
        "custom_attributes",
        request.path("custom_attributes").isObject()
            ? request.get("custom_attributes")
            : json.createObjectNode());
    conversation.set("additional_attributes", json.createObjectNode());
    conversation.putArray("labels");
    conversation.put("created_at", Instant.now().getEpochSecond());
    conversation.put("last_activity_at", Instant.now().getEpochSecond());
    conversation.put("timestamp", Instant.now().getEpochSecond());
    touch(conversation);
    ObjectNode meta = conversation.putObject("meta");
    meta.set("sender", contact.deepCopy());
    meta.put("channel", "Channel::Api");
    conversations.put(id, conversation);
    messages.open(id);
    // Chatwoot's conversation partial: `messages` holds the conversation's last message, if any.
    ObjectNode answer = conversation.deepCopy();
    ArrayNode last = answer.putArray("messages");
    if (firstMessage.isObject()) {
      last.add(((JsonNode) messages.create(conversation, firstMessage, bot).body()).deepCopy());
    }
    return SandboxResponse.ok(answer);
  }

  /** The routes under /conversations/{id}/: messages, toggle_status, assignments, labels. */
  SandboxResponse handlePart(
      String part, String method, ObjectNode conversation, JsonNode request, ObjectNode bot) {
    return switch (part + " " + method) {
      case "messages GET" -> messages.list(conversation);
      case "messages POST" -> messages.create(conversation, request, bot);
      case "toggle_status POST" -> toggleStatus(conversation, request);
      case "assignments POST" -> assign(conversation, request);
      case "labels POST" -> setLabels(conversation, request);
      case "labels GET" -> SandboxResponse.ok(Map.of("payload", conversation.get("labels")));
      default -> notFound();
    };
  }

  /** Conversation#updated_at as webhooks carry it: float seconds, strictly increasing here. */
  static void touch(ObjectNode conversation) {
    double now = Instant.now().toEpochMilli() / 1000.0;
    double last = conversation.path("updated_at").asDouble(0);
    conversation.put("updated_at", Math.max(now, last + 0.001));
  }

  private SandboxResponse toggleStatus(ObjectNode conversation, JsonNode request) {
    String status = text(request, "status");
    if (status == null || !List.of("open", "resolved", "pending", "snoozed").contains(status)) {
      return invalid("Status is not included in the list", "status");
    }
    conversation.put("status", status);
    touch(conversation);
    return SandboxResponse.ok(
        Map.of(
            "meta",
            Map.of(),
            "payload",
            Map.of(
                "success",
                true,
                "current_status",
                status,
                "conversation_id",
                conversation.get("id").asLong())));
  }

  /**
   * {@code AssignmentsController#create}: an unknown team or agent is looked up with {@code
   * find_by}, so it clears the team or assignee and answers {@code null}, not 404. A team that the
   * assignee is not in clears the assignee ({@code
   * AssignmentHandler#validate_current_assignee_team}; the sandbox's team does not auto-assign).
   * What changed is kept for {@link #changesOf}.
   */
  private SandboxResponse assign(ObjectNode conversation, JsonNode request) {
    ObjectNode meta = (ObjectNode) conversation.get("meta");
    ArrayNode changed = json.createArrayNode();
    if (request.hasNonNull("assignee_id")) {
      long assignee = request.get("assignee_id").asLong();
      String name = ChatwootSandbox.agentName(assignee);
      JsonNode previous = meta.path("assignee").path("id");
      ObjectNode agent = name == null ? null : person(json, assignee, name, "user");
      if (agent == null) {
        meta.remove("assignee");
      } else {
        meta.set("assignee", agent);
      }
      ChatwootWebhookEvents.change(
          changed, "assignee_id", previous, agent == null ? null : assignee);
      record(conversation, changed);
      return SandboxResponse.ok(agent == null ? json.nullNode() : agent);
    }
    if (request.hasNonNull("team_id")) {
      JsonNode previousTeam = meta.path("team").path("id");
      ObjectNode team = null;
      if (request.get("team_id").asLong() == ChatwootSandbox.TEAM_ID) {
        team = json.createObjectNode();
        team.put("id", ChatwootSandbox.TEAM_ID);
        team.put("name", "Support");
        meta.set("team", team);
      } else {
        meta.remove("team");
      }
      JsonNode assignee = meta.path("assignee").path("id");
      if (assignee.isNumber() && (team == null || !ChatwootSandbox.inTeam(assignee.asLong()))) {
        meta.remove("assignee");
        ChatwootWebhookEvents.change(changed, "assignee_id", assignee, null);
      }
      ChatwootWebhookEvents.change(
          changed, "team_id", previousTeam, team == null ? null : ChatwootSandbox.TEAM_ID);
      record(conversation, changed);
      return SandboxResponse.ok(team == null ? json.nullNode() : team);
    }
    return invalid("assignee_id or team_id is required", "assignee_id");
  }

  /** The {@code changed_attributes} of the conversation's last assignment, oldest first. */
  ArrayNode changesOf(long conversationId) {
    ArrayNode changed = lastChanges.get(conversationId);
    return changed == null ? json.createArrayNode() : changed.deepCopy();
  }

  private void record(ObjectNode conversation, ArrayNode changed) {
    lastChanges.put(conversation.get("id").asLong(), changed);
    touch(conversation);
  }

  private SandboxResponse setLabels(ObjectNode conversation, JsonNode request) {
    ArrayNode labels = json.createArrayNode();
    iterable(request.path("labels")).forEach(l -> labels.add(l.asString()));
    conversation.set("labels", labels);
    return SandboxResponse.ok(Map.of("payload", labels));
  }
}
