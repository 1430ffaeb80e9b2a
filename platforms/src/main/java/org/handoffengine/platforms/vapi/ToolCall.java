package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One call of a {@code tool-calls} message (spec {@code ToolCall}): {@code function.name} and
 * {@code function.arguments}; the flat {@code name}, {@code arguments} and {@code parameters} are
 * variants Vapi's docs have shown.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(
    String id, Function function, String name, ToolArguments arguments, ToolArguments parameters) {

  /** The tool's name, wherever this call carries it. */
  public String toolName() {
    return VapiText.first(function == null ? null : function.name(), name);
  }

  /** The arguments, wherever this call carries them: empty when it carries none. */
  public ToolArguments toolArguments() {
    if (function != null && function.arguments() != null) {
      return function.arguments();
    }
    ToolArguments flat = arguments != null ? arguments : parameters;
    return flat != null ? flat : ToolArguments.NONE;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Function(String name, ToolArguments arguments) {}
}
