package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Vapi's {@code artifact} (spec {@code Artifact}): the transcript and the recording. {@code
 * recordingUrl} is the older place of the mono recording, {@code recording.mono.combinedUrl} the
 * current one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VapiArtifact(String transcript, String recordingUrl, Recording recording) {

  /** The mono recording of both sides, wherever this payload carries it. */
  public String combinedRecordingUrl() {
    String current =
        recording == null || recording.mono() == null ? null : recording.mono().combinedUrl();
    return VapiText.first(current, recordingUrl);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Recording(Mono mono) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mono(String combinedUrl) {}
}
