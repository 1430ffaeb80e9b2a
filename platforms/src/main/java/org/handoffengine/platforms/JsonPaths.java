package org.handoffengine.platforms;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Tolerant reads from platform JSON: a missing, null, blank or oddly typed field is absent, never
 * an exception. Vapi and Chatwoot add and drop fields; the engine must not care.
 */
public final class JsonPaths {

  private JsonPaths() {}

  public static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String step : path) {
      if (current == null) {
        return null;
      }
      current = current.path(step);
    }
    return current == null || current.isMissingNode() || current.isNull() ? null : current;
  }

  /** The text at the path; numbers and booleans as text; null when absent or blank. */
  public static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value == null || value.isContainer()) {
      return null;
    }
    String text = value.asString();
    return text == null || text.isBlank() ? null : text;
  }

  /** The first present text among several alternative paths. */
  public static String firstText(JsonNode node, String[]... paths) {
    for (String[] path : paths) {
      String value = text(node, path);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  public static Long number(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isString()) {
      try {
        return Long.parseLong(value.stringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public static Double decimal(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value != null && value.isNumber() ? value.asDouble() : null;
  }

  /** ISO-8601 text or epoch seconds / milliseconds (a value above 10^11 is milliseconds). */
  public static Instant instant(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      long epoch = value.asLong();
      return epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
    }
    if (value.isString()) {
      try {
        return Instant.parse(value.stringValue().trim());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  public static boolean flag(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value != null
        && (value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asString()));
  }
}
