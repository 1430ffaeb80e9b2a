package org.handoffengine.activities.setup;

import java.util.List;
import java.util.Map;

/**
 * The engine's function tools as Vapi stores them (OpenAI function schema), under their configured
 * names.
 */
final class ToolDefinitions {

  private ToolDefinitions() {}

  /** {@code names}: escalate, lookup, schedule-callback, in that order. */
  static List<Map<String, Object>> of(List<String> names) {
    return List.of(
        tool(
            names.get(0),
            "Hand the caller to a human agent. Use when the caller asks for a person or you cannot help.",
            Map.of(
                "reason", Map.of("type", "string", "description", "Why the caller needs a human")),
            List.of("reason")),
        tool(
            names.get(1),
            "Look up the caller: their name, open conversation and what their last call was about.",
            Map.of(),
            List.of()),
        tool(
            names.get(2),
            "Schedule a call back to the caller at the time they ask for.",
            Map.of(
                "time",
                    Map.of(
                        "type",
                        "string",
                        "description",
                        "When to call, ISO 8601 local date-time, e.g. 2026-11-26T15:30"),
                "timeZone",
                    Map.of(
                        "type",
                        "string",
                        "description",
                        "IANA time zone of that time, e.g. America/New_York")),
            List.of("time")));
  }

  private static Map<String, Object> tool(
      String name, String description, Map<String, Object> properties, List<String> required) {
    return Map.of(
        "type",
        "function",
        "function",
        Map.of(
            "name", name,
            "description", description,
            "parameters",
                Map.of("type", "object", "properties", properties, "required", required)));
  }
}
