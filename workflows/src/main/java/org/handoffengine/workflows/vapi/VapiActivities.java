package org.handoffengine.workflows.vapi;

import io.temporal.activity.ActivityInterface;
import org.handoffengine.workflows.journey.CallReport;

/** Vapi's outbound call API, as the journey uses it. */
@ActivityInterface
public interface VapiActivities {

  /**
   * Places a follow-up call. Vapi's {@code POST /call} is not idempotent, so a retry first looks
   * for the call an earlier attempt may have placed and returns that one.
   */
  PlacedCall placeFollowUpCall(FollowUpCallRequest request);

  /** The call's end-of-call data read from {@code GET /call/{id}}, or null if it has not ended. */
  CallReport fetchEndedCall(String callId);
}
