package org.handoffengine.activities.vapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Body of {@code POST /call} (Vapi's {@code CreateCallDTO}), only the fields the engine sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateCall(
    String name,
    String assistantId,
    String phoneNumberId,
    Customer customer,
    AssistantOverrides assistantOverrides) {

  /** Vapi limits {@code name} and {@code customer.name} to 40 characters. */
  static final int MAX_NAME = 40;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Customer(String number, String name) {}

  /**
   * @param variableValues substituted into the assistant's prompt and first message
   * @param metadata echoed back on the call; carries the engine's attempt key and journey id
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssistantOverrides(
      Map<String, String> variableValues, Map<String, String> metadata) {}

  static String fit(String value) {
    return value == null || value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
  }
}
