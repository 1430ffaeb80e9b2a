package org.handoffengine.platforms.vapi;

/**
 * Text as the engine reads it from Vapi: blank is absent, and a number or flag reads as its text.
 */
final class VapiText {

  private VapiText() {}

  static String of(Object value) {
    if (value instanceof String text) {
      return text.isBlank() ? null : text;
    }
    return value instanceof Number || value instanceof Boolean ? value.toString() : null;
  }

  /** The first present text. */
  static String first(String... values) {
    for (String value : values) {
      String text = of(value);
      if (text != null) {
        return text;
      }
    }
    return null;
  }
}
