package org.handoffengine.sandbox;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of the webhooks Chatwoot sends, built the way its listeners build them: {@code
 * Message#webhook_data}, {@code Contact#webhook_data}, {@code Conversations::EventDataPresenter},
 * and the {@code changed_attributes} of BaseListener.
 */
final class ChatwootWebhookEvents {

  private final ObjectMapper json;

  ChatwootWebhookEvents(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Message webhook data: the message with its conversation, inbox and account
   * (Message#webhook_data).
   */
  ObjectNode messageCreated(ObjectNode message, ObjectNode conversation) {
    ObjectNode event = json.createObjectNode();
    event.put("event", "message_created");
    event.put("id", message.get("id").asLong());
    event.put("content", message.get("content").asString());
    event.put("created_at", Instant.ofEpochSecond(message.get("created_at").asLong()).toString());
    event.put(
        "message_type",
        switch (message.get("message_type").asInt()) {
          case 0 -> "incoming";
          case 1 -> "outgoing";
          case 2 -> "activity";
          default -> "template";
        });
    event.put("content_type", "text");
    event.set(
        "content_attributes",
        message.path("content_attributes").isObject()
            ? message.get("content_attributes").deepCopy()
            : json.createObjectNode());
    event.putNull("source_id");
    event.put("private", message.get("private").asBoolean());
    event.set("sender", webhookSender(message.get("sender")));
    event.set("conversation", conversationData(conversation));
    ObjectNode inbox = event.putObject("inbox");
    inbox.put("id", conversation.get("inbox_id").asLong());
    inbox.put("name", "Voice calls");
    ObjectNode account = event.putObject("account");
    account.put("id", conversation.get("account_id").asLong());
    account.put("name", "Sandbox support");
    return event;
  }

  /** {@code conversation_status_changed}, after the status changed from {@code previous}. */
  ObjectNode statusChanged(ObjectNode conversation, String previous) {
    ObjectNode event = conversationData(conversation);
    event.put("event", "conversation_status_changed");
    ObjectNode change = event.putArray("changed_attributes").addObject().putObject("status");
    change.put("previous_value", previous);
    change.put("current_value", conversation.path("status").asString());
    return event;
  }

  /**
   * {@code conversation_updated} after the assignee was removed; {@code previous} its id, or not a
   * number for none.
   */
  ObjectNode assigneeRemoved(ObjectNode conversation, JsonNode previous) {
    ArrayNode changed = json.createArrayNode();
    change(changed, "assignee_id", previous, null);
    return conversationUpdated(conversation, changed);
  }

  /**
   * One entry of {@code changed_attributes}: {@code {attribute: {previous_value, current_value}}},
   * an id or null each ({@code previous} null unless it is a number).
   */
  static void change(ArrayNode changed, String attribute, JsonNode previous, Long current) {
    ObjectNode values = changed.addObject().putObject(attribute);
    if (previous.isNumber()) {
      values.put("previous_value", previous.asLong());
    } else {
      values.putNull("previous_value");
    }
    if (current == null) {
      values.putNull("current_value");
    } else {
      values.put("current_value", current);
    }
  }

  /** {@code conversation_updated} with its {@code changed_attributes}. */
  ObjectNode conversationUpdated(ObjectNode conversation, ArrayNode changed) {
    ObjectNode event = conversationData(conversation);
    event.put("event", "conversation_updated");
    event.set("changed_attributes", changed);
    return event;
  }

  /**
   * The sender's webhook_data: a contact's has no {@code type} (Contact#webhook_data); users and
   * bots keep theirs.
   */
  private ObjectNode webhookSender(JsonNode sender) {
    ObjectNode copy =
        sender == null || sender.isNull()
            ? json.createObjectNode()
            : (ObjectNode) sender.deepCopy();
    if ("contact".equals(copy.path("type").asString())) {
      copy.remove("type");
      copy.putObject("additional_attributes");
      copy.putObject("custom_attributes");
      copy.putNull("email");
      copy.putNull("identifier");
      copy.put("thumbnail", "");
      copy.put("blocked", false);
    }
    return copy;
  }

  /** Conversation webhook data (Conversations::EventDataPresenter): id is the display id. */
  private ObjectNode conversationData(ObjectNode conversation) {
    ObjectNode data = json.createObjectNode();
    for (String field :
        List.of(
            "id",
            "inbox_id",
            "status",
            "custom_attributes",
            "additional_attributes",
            "labels",
            "meta",
            "created_at",
            "updated_at",
            "last_activity_at",
            "timestamp")) {
      if (conversation.has(field)) {
        data.set(field, conversation.get(field).deepCopy());
      }
    }
    return data;
  }
}
