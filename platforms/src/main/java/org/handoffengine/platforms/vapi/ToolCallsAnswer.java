package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a {@code tool-calls} message (spec {@code ServerMessageResponseToolCalls}, returned
 * bare, as Vapi's docs do): one result per call, each a result or an error for the assistant to
 * say.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCallsAnswer(List<Result> results) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(String name, String toolCallId, String result, String error) {

    public static Result of(String name, String toolCallId, String result) {
      return new Result(name, toolCallId, result, null);
    }

    public static Result refused(String name, String toolCallId, String error) {
      return new Result(name, toolCallId, null, error);
    }
  }
}
