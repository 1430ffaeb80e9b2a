package org.handoffengine.platforms.chatwoot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.handoffengine.platforms.FlexibleInstant;
import org.handoffengine.platforms.JsonPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A body Chatwoot POSTs to an account webhook or an agent bot's {@code outgoing_url}, by its {@code
 * event} (the shapes are {@code Message#webhook_data} and {@code Conversation#webhook_data} plus
 * {@code event}; see {@code contracts/chatwoot/README.md}). The events journeys follow have a
 * record each; every other event, and a body without one, binds as {@link Other}.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "event",
    visible = true,
    defaultImpl = ChatwootWebhook.Other.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ChatwootWebhook.MessageCreated.class, name = "message_created"),
  @JsonSubTypes.Type(
      value = ChatwootWebhook.ConversationStatusChanged.class,
      name = "conversation_status_changed"),
  @JsonSubTypes.Type(
      value = ChatwootWebhook.ConversationUpdated.class,
      name = "conversation_updated")
})
public sealed interface ChatwootWebhook {

  /** The event as Chatwoot named it; null when the body names none. */
  String event();

  /**
   * {@code message_created}: a message, with the conversation it belongs to.
   *
   * @param messageType {@code incoming}, {@code outgoing}, {@code template}, ...; agent-bot
   *     payloads have carried Chatwoot's integer instead, read as its name
   * @param contentAttributes where recent Chatwoot keeps the engine's mark, see {@link EngineMark}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record MessageCreated(
      String event,
      Long id,
      String content,
      @JsonDeserialize(using = MessageTypeName.class) String messageType,
      @JsonProperty("private") Boolean privateNote,
      Sender sender,
      Conversation conversation,
      @JsonDeserialize(using = FlexibleInstant.class) Instant createdAt,
      Map<String, Object> contentAttributes)
      implements ChatwootWebhook {

    /** A note agents write for each other: never a reply. */
    public boolean isPrivate() {
      return Boolean.TRUE.equals(privateNote);
    }

    /** The engine's own message, echoed back by Chatwoot. */
    public boolean postedByEngine() {
      return EngineMark.postedByEngine(contentAttributes, content);
    }

    /** {@code incoming}, {@code outgoing}, ...; {@code other} when the body says nothing. */
    public String messageTypeName() {
      return messageType == null ? "other" : messageType;
    }

    public String senderType() {
      return sender == null ? null : sender.type();
    }

    public Conversation conversation() {
      return conversation == null ? Conversation.NONE : conversation;
    }
  }

  /** {@code conversation_status_changed}: the conversation itself, with its new status. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ConversationStatusChanged(
      String event,
      Long id,
      String status,
      Map<String, Object> customAttributes,
      Meta meta,
      ChangeTime updatedAt,
      @JsonDeserialize(using = FlexibleInstant.class) Instant createdAt)
      implements ChatwootWebhook {

    /** The contact of the conversation (its {@code meta.sender}), or an empty one. */
    public Contact contact() {
      return meta == null || meta.sender() == null ? Contact.NONE : meta.sender();
    }
  }

  /**
   * {@code conversation_updated}: the conversation, with what changed.
   *
   * @param changedAttributes {@code [{"assignee_id": {"previous_value": 31, "current_value":
   *     null}}, ...]}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ConversationUpdated(
      String event,
      Long id,
      Map<String, Object> customAttributes,
      List<Map<String, Change>> changedAttributes,
      ChangeTime updatedAt)
      implements ChatwootWebhook {

    /**
     * An agent was taken off the conversation, and nobody was put on it instead. Not when the same
     * update moved the conversation to a team: Chatwoot then clears an assignee who is not in that
     * team itself ({@code AssignmentHandler#validate_current_assignee_team}), which is the
     * conversation going to a team's humans (the engine's own escalation, or an agent's), not an
     * agent handing it back.
     */
    public boolean assigneeRemoved() {
      if (changedAttributes == null) {
        return false;
      }
      boolean removed = false;
      for (Map<String, Change> change : changedAttributes) {
        if (change == null) {
          continue;
        }
        if (change.containsKey("team_id")) {
          return false;
        }
        Change assignee = change.get("assignee_id");
        removed |=
            assignee != null && assignee.previousValue() != null && assignee.currentValue() == null;
      }
      return removed;
    }
  }

  /** Any other event (agent-bot {@code conversation_resolved}, contact events, ...), or none. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Other(String event) implements ChatwootWebhook {}

  /** The conversation a message event carries: its display id and the engine's attributes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Conversation(Long id, Map<String, Object> customAttributes) {
    static final Conversation NONE = new Conversation(null, null);
  }

  /**
   * A message's sender: {@code type} is {@code user} for agents, {@code agent_bot}, or absent for
   * contacts.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Sender(String type) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Meta(Contact sender) {}

  /** The conversation's contact, in {@code push_event_data} form. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Contact(Long id, String phoneNumber) {
    static final Contact NONE = new Contact(null, null);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Change(Object previousValue, Object currentValue) {}

  /**
   * A conversation event's {@code updated_at}: unix seconds with a microsecond fraction. Kept as
   * sent too, since a delivery without an id is named by it.
   */
  record ChangeTime(String sent, Instant at) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ChangeTime of(JsonNode value) {
      return new ChangeTime(JsonPaths.text(value), FlexibleInstant.of(value));
    }
  }
}
