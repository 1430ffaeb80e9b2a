package org.handoffengine.workflows.journey;

import java.time.Duration;
import java.time.Instant;

/**
 * What the engine keeps of a Vapi end-of-call report: enough to write the call into Chatwoot and to
 * decide the next follow-up, nothing of Vapi's envelope.
 *
 * @param callId Vapi's call id, the key that makes a redelivered report harmless
 * @param direction "inbound", "outbound" or "web"
 * @param customerNumber the caller's number in E.164, or null when the call carried none
 * @param summary Vapi's {@code analysis.summary}; null when Vapi produced none
 * @param doNotCall true when the call's analysis says the customer asked not to be called again
 */
public record CallReport(
    String callId,
    String direction,
    String customerNumber,
    String customerName,
    String endedReason,
    String summary,
    String transcript,
    Instant startedAt,
    Instant endedAt,
    Double costUsd,
    String recordingUrl,
    String phoneNumberId,
    String assistantId,
    boolean doNotCall) {

  public Duration duration() {
    if (startedAt == null || endedAt == null || endedAt.isBefore(startedAt)) {
      return null;
    }
    return Duration.between(startedAt, endedAt);
  }
}
