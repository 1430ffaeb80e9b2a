package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Vapi's {@code analysis} (spec {@code Analysis}).
 *
 * @param structuredData whatever the assistant's structured-data plan asks for: the engine's
 *     assistant sets {@link #DO_NOT_CALL_FIELD}; other assistants add their own fields, so it stays
 *     a map
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VapiAnalysis(String summary, Map<String, Object> structuredData) {

  /** Field of {@code structuredData} the assistant sets when the caller asks not to be called. */
  public static final String DO_NOT_CALL_FIELD = "doNotCall";

  /** The caller asked not to be called again ({@code true} or {@code "true"}). */
  public boolean doNotCall() {
    Object value = structuredData == null ? null : structuredData.get(DO_NOT_CALL_FIELD);
    return value instanceof Boolean flag
        ? flag
        : value != null && "true".equalsIgnoreCase(value.toString());
  }
}
