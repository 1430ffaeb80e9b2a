package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import org.handoffengine.platforms.FlexibleInstant;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Vapi's {@code Call} (spec {@code #/components/schemas/Call}), as a server message's {@code call}
 * and as {@code GET /call/{id}} and {@code GET /call} answer it: only what the engine reads. The
 * top-level {@code summary}, {@code transcript} and {@code recordingUrl} are where older payloads
 * carried what {@code analysis} and {@code artifact} hold now.
 *
 * @param createdAt as Vapi wrote it: the call list pages on it, so it is passed back verbatim
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VapiCall(
    String id,
    String type,
    String status,
    VapiCustomer customer,
    String phoneNumberId,
    String assistantId,
    AssistantOverrides assistantOverrides,
    String endedReason,
    String createdAt,
    @JsonDeserialize(using = FlexibleInstant.class) Instant startedAt,
    @JsonDeserialize(using = FlexibleInstant.class) Instant endedAt,
    Double cost,
    VapiAnalysis analysis,
    VapiArtifact artifact,
    String summary,
    String transcript,
    String recordingUrl) {

  /** The metadata key naming the journey of a follow-up call the engine placed. */
  public static final String JOURNEY_ID_KEY = "handoffJourneyId";

  /** The metadata key naming the placement attempt of a follow-up call, so a retry finds it. */
  public static final String ATTEMPT_KEY = "handoffAttemptKey";

  /** The journey id the engine wrote into a follow-up call's metadata, or null for other calls. */
  public String journeyId() {
    return metadata(JOURNEY_ID_KEY);
  }

  /** The placement attempt the engine wrote into a follow-up call's metadata, or null. */
  public String attemptKey() {
    return metadata(ATTEMPT_KEY);
  }

  private String metadata(String key) {
    return assistantOverrides == null
        ? null
        : VapiText.of(
            assistantOverrides.metadata() == null ? null : assistantOverrides.metadata().get(key));
  }

  /** {@code assistantOverrides}: the engine reads back only the metadata it wrote. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AssistantOverrides(Map<String, Object> metadata) {}
}
