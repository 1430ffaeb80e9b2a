package org.handoffengine.platforms.vapi;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body Vapi POSTs to the server URL: {@code {"message": {...}}}. A {@code message} that is not
 * an object binds as none, and a {@code type} that is not text as no type, so each is refused for
 * what it is rather than read as something else ({@code "type": 7} is not the type {@code "7"}).
 */
@JsonDeserialize(using = VapiWebhook.Reader.class)
public record VapiWebhook(VapiServerMessage message) {

  static final class Reader extends ValueDeserializer<VapiWebhook> {
    @Override
    public VapiWebhook deserialize(JsonParser parser, DeserializationContext context) {
      JsonNode message = context.readTree(parser).path("message");
      if (!(message instanceof ObjectNode object)) {
        return new VapiWebhook(null);
      }
      if (object.has("type") && !object.get("type").isString()) {
        object.putNull("type");
      }
      return new VapiWebhook(context.readTreeAsValue(object, VapiServerMessage.class));
    }
  }
}
