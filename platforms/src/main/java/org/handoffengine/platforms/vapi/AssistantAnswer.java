package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The answer to an {@code assistant-request} (spec {@code ServerMessageResponseAssistantRequest},
 * returned bare): an assistant id with optional overrides, a destination to transfer the call to
 * straight away, or an error Vapi says to the caller.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssistantAnswer(
    String assistantId,
    AssistantOverrides assistantOverrides,
    TransferDestination destination,
    String error) {

  public static AssistantAnswer assistant(String assistantId) {
    return new AssistantAnswer(assistantId, null, null, null);
  }

  /** The assistant, told about the caller through its variables ({@code {{customerName}}}, ...). */
  public static AssistantAnswer assistant(String assistantId, Object variableValues) {
    return new AssistantAnswer(
        assistantId, new AssistantOverrides(variableValues, null), null, null);
  }

  public static AssistantAnswer transfer(TransferDestination destination) {
    return new AssistantAnswer(null, null, destination, null);
  }

  public static AssistantAnswer refused(String error) {
    return new AssistantAnswer(null, null, null, error);
  }

  /**
   * @param variableValues the assistant's template variables, as an object of text values
   * @param metadata kept on the call; the engine sends none with an inbound call's assistant
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssistantOverrides(Object variableValues, Map<String, Object> metadata) {}
}
