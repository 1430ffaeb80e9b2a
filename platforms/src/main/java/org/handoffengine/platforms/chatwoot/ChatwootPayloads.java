package org.handoffengine.platforms.chatwoot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The bodies the engine sends to Chatwoot's Application API, as its spec names them ({@code
 * contact_create_payload}, {@code conversation_create_payload}, {@code
 * conversation_message_create_payload}, and the inline bodies of {@code toggle_status}, {@code
 * assignments}, {@code labels} and {@code contact_inboxes}). Absent optional fields are left out,
 * not sent as null.
 */
public final class ChatwootPayloads {

  private ChatwootPayloads() {}

  /** {@code POST /contacts}. */
  public record ContactCreate(
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("inbox_id") Long inboxId,
      String name,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("phone_number") String phoneNumber,
      @JsonInclude(JsonInclude.Include.NON_NULL) String identifier) {}

  /**
   * {@code POST /contacts/{id}/contact_inboxes} (not in the spec; {@code
   * contact_inboxes_controller.rb}).
   */
  public record ContactInboxCreate(
      @JsonProperty("inbox_id") Long inboxId, @JsonProperty("source_id") String sourceId) {}

  /** {@code POST /conversations}, with the engine's attributes and optionally its first message. */
  public record ConversationCreate(
      @JsonProperty("source_id") String sourceId,
      @JsonProperty("inbox_id") Long inboxId,
      @JsonProperty("contact_id") Long contactId,
      String status,
      @JsonProperty("custom_attributes") EngineAttributes customAttributes,
      @JsonInclude(JsonInclude.Include.NON_NULL) MessageCreate message) {}

  /**
   * The custom attributes the engine writes on a conversation it opens: see {@link
   * ConversationAttributes}.
   */
  public record EngineAttributes(
      @JsonProperty(ConversationAttributes.JOURNEY) String journeyId,
      @JsonProperty(ConversationAttributes.FIRST_CALL) String firstCallId) {}

  /**
   * {@code POST /conversations/{id}/messages}: one of the engine's messages, marked by {@link
   * EngineMark}.
   */
  public record MessageCreate(
      String content,
      @JsonProperty("message_type") String messageType,
      @JsonProperty("private") boolean privateNote,
      @JsonProperty("content_type") String contentType,
      @JsonProperty("content_attributes") ContentAttributes contentAttributes) {}

  /** Where recent Chatwoot keeps the engine's mark of a message. */
  public record ContentAttributes(@JsonProperty(EngineMark.ATTRIBUTE) String key) {}

  /** {@code POST /conversations/{id}/toggle_status}. */
  public record StatusToggle(String status) {}

  /** {@code POST /conversations/{id}/assignments}: a team, or an agent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Assignment(
      @JsonProperty("team_id") Long teamId, @JsonProperty("assignee_id") Long assigneeId) {

    public static Assignment team(long teamId) {
      return new Assignment(teamId, null);
    }

    public static Assignment agent(long agentId) {
      return new Assignment(null, agentId);
    }
  }

  /** {@code POST /conversations/{id}/labels}: replaces the labels. */
  public record Labels(List<String> labels) {}
}
