package org.handoffengine.workflows.journey;

import java.time.Instant;

/**
 * A live call's progress as Vapi reports it: a {@code status-update} (ringing, in-progress,
 * forwarding, ended) or a {@code hang} (the assistant stalled).
 *
 * @param type "status-update" or "hang"
 * @param status the call status for status updates, null for a hang
 */
public record CallEvent(String callId, String type, String status, String endedReason, Instant at) {

  /** Vapi sends no delivery id: call, type and status identify a message. */
  public String dedupeKey() {
    return "call-event:" + callId + ":" + type + ":" + status;
  }
}
