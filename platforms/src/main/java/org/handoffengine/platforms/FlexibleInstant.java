package org.handoffengine.platforms;

import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * A platform's time as whatever it sends: ISO-8601 text, epoch seconds (Chatwoot's conversation
 * times, {@code updated_at} with microseconds as a fraction) or epoch milliseconds. Anything else
 * is no time rather than a refused delivery: the engine falls back to its own clock.
 */
public final class FlexibleInstant extends ValueDeserializer<Instant> {

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) {
    return of(context.readTree(parser));
  }

  /** The rule itself, for a value already read as a tree. */
  public static Instant of(JsonNode value) {
    if (value != null && value.isFloatingPointNumber()) {
      double seconds = value.asDouble();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1_000);
    }
    return JsonPaths.instant(value);
  }
}
