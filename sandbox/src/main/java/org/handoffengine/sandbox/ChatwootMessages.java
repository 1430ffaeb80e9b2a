package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.person;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of each conversation, as {@code MessagesController} and the {@code Message} model
 * have them: content required and at most 150,000 characters, only {@code outgoing} and {@code
 * incoming} accepted from the API, the sender the token's user, its agent bot or the contact.
 * Called under the Chatwoot sandbox's lock.
 */
final class ChatwootMessages {

  private final ObjectMapper json;
  private final Map<Long, List<ObjectNode>> byConversation = new LinkedHashMap<>();
  private long nextId;
  private boolean keepsContentAttributes = true;

  ChatwootMessages(ObjectMapper json) {
    this.json = json;
  }

  void reset() {
    keepsContentAttributes = true;
    byConversation.clear();
    nextId = 1000;
  }

  /** Plays a Chatwoot from before messages kept their {@code content_attributes}. */
  void dropContentAttributes() {
    keepsContentAttributes = false;
  }

  /** A new conversation, with no messages yet. */
  void open(long conversationId) {
    byConversation.put(conversationId, new ArrayList<>());
  }

  List<JsonNode> of(long conversationId) {
    return List.copyOf(byConversation.getOrDefault(conversationId, List.of()));
  }

  List<JsonNode> all() {
    return byConversation.values().stream().flatMap(List::stream).map(m -> (JsonNode) m).toList();
  }

  /** A message of any conversation, or null. */
  ObjectNode find(long messageId) {
    return byConversation.values().stream()
        .flatMap(List::stream)
        .filter(m -> m.get("id").asLong() == messageId)
        .findFirst()
        .orElse(null);
  }

  /** Chatwoot's 422 for a message it will not store, or null. */
  static SandboxResponse refused(JsonNode request) {
    String content = text(request, "content");
    if (content == null) {
      return invalid("Content can't be blank", "content");
    }
    if (content.length() > 150_000) {
      return invalid("Content is too long (maximum is 150000 characters)", "content");
    }
    String type =
        request.hasNonNull("message_type") ? request.get("message_type").asString() : "outgoing";
    if (!type.equals("outgoing") && !type.equals("incoming")) {
      return invalid("Message type is not included in the list", "message_type");
    }
    return null;
  }

  /** GET .../messages: the newest 20, with the conversation's labels and contact. */
  SandboxResponse list(ObjectNode conversation) {
    List<ObjectNode> all = byConversation.get(conversation.get("id").asLong());
    List<ObjectNode> newest = all.subList(Math.max(0, all.size() - 20), all.size());
    return SandboxResponse.ok(
        Map.of(
            "meta",
            Map.of(
                "labels", conversation.get("labels"), "contact_id", conversation.get("contact_id")),
            "payload",
            newest));
  }

  /**
   * POST .../messages.
   *
   * @param bot the agent bot whose token the request carries, or null for the token's user
   */
  SandboxResponse create(ObjectNode conversation, JsonNode request, ObjectNode bot) {
    SandboxResponse refused = refused(request);
    if (refused != null) {
      return refused;
    }
    String content = text(request, "content");
    String type =
        request.hasNonNull("message_type") ? request.get("message_type").asString() : "outgoing";
    ObjectNode sender =
        bot != null
            ? person(json, bot.path("id").asLong(), bot.path("name").asString(), "agent_bot")
            : type.equals("outgoing")
                ? person(json, ChatwootSandbox.TOKEN_USER_ID, "Handoff Engine", "user")
                : person(json, conversation.get("contact_id").asLong(), "contact", "contact");
    ObjectNode message =
        add(
            conversation,
            content,
            type.equals("incoming") ? 0 : 1,
            request.path("private").asBoolean(false),
            sender);
    // Recent Chatwoot persists the content_attributes a message is created with; older versions
    // kept only in_reply_to and items.
    if (keepsContentAttributes && request.path("content_attributes").isObject()) {
      message.set("content_attributes", request.get("content_attributes").deepCopy());
    }
    return SandboxResponse.ok(message);
  }

  /** Adds a message as Chatwoot stores it and returns it in the API's shape. */
  ObjectNode add(
      ObjectNode conversation,
      String content,
      int messageType,
      boolean privateNote,
      ObjectNode sender) {
    ObjectNode message = json.createObjectNode();
    message.put("id", nextId++);
    message.put("content", content);
    message.put("inbox_id", conversation.get("inbox_id").asLong());
    message.put("conversation_id", conversation.get("id").asLong());
    message.put("message_type", messageType);
    message.put("content_type", "text");
    message.put("created_at", Instant.now().getEpochSecond());
    message.put("private", privateNote);
    message.putNull("source_id");
    message.putObject("content_attributes");
    message.set("sender", sender);
    byConversation.get(conversation.get("id").asLong()).add(message);
    conversation.put("last_activity_at", Instant.now().getEpochSecond());
    return message;
  }
}
