package org.handoffengine.platforms.chatwoot;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * A message's {@code message_type} as its name: account webhooks send the name ({@code
 * "incoming"}), agent-bot payloads and message lists have carried Chatwoot's integer (0 incoming, 1
 * outgoing).
 */
final class MessageTypeName extends ValueDeserializer<String> {

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    JsonNode type = context.readTree(parser);
    if (type.isNumber()) {
      return switch (type.asInt()) {
        case 0 -> "incoming";
        case 1 -> "outgoing";
        default -> "other";
      };
    }
    return type.asString("other");
  }
}
