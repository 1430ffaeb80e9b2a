package org.handoffengine.platforms.vapi;

import org.handoffengine.platforms.JsonPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of a call to one of the engine's tools (the tools {@code setup} defines). Vapi's
 * spec sends them as a JSON string, live traffic as an object; both bind here. A string that is not
 * JSON binds as {@link #readable()} false, so the tool call, not the whole message, is refused.
 *
 * @param reason {@code escalate}: why the caller wants a person
 * @param time {@code schedule_callback}: ISO-8601 date and time, with or without an offset
 * @param timeZone {@code schedule_callback}: an IANA zone, else the engine's default
 */
@JsonDeserialize(using = ToolArguments.Reader.class)
public record ToolArguments(String reason, String time, String timeZone, boolean readable) {

  public static final ToolArguments NONE = new ToolArguments(null, null, null, true);

  static ToolArguments of(JsonNode node) {
    return new ToolArguments(
        JsonPaths.text(node, "reason"),
        JsonPaths.text(node, "time"),
        JsonPaths.text(node, "timeZone"),
        true);
  }

  static final class Reader extends ValueDeserializer<ToolArguments> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ToolArguments deserialize(JsonParser parser, DeserializationContext context) {
      JsonNode node = context.readTree(parser);
      if (!node.isString()) {
        return of(node);
      }
      try {
        return of(JSON.readTree(node.stringValue()));
      } catch (JacksonException e) {
        return new ToolArguments(null, null, null, false);
      }
    }
  }
}
