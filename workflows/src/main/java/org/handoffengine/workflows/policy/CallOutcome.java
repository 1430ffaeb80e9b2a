package org.handoffengine.workflows.policy;

import java.util.Set;

/**
 * What a follow-up call achieved, read from Vapi's {@code endedReason}. Classified by exact set
 * membership, not string patterns; a reason in no set (Vapi's many provider faults) is FAILED.
 */
public enum CallOutcome {
  /** The customer picked up and talked to the assistant. */
  ANSWERED,
  NO_ANSWER,
  BUSY,
  VOICEMAIL,
  /** The customer rejected the call, or asked not to be called again. */
  DECLINED,
  /** The assistant forwarded the call to a person. */
  TRANSFERRED,
  /** Telephony or platform failure: nobody was reached, through no choice of the customer's. */
  FAILED;

  private static final Set<String> ANSWERED_REASONS =
      Set.of(
          "customer-ended-call",
          "assistant-ended-call",
          "assistant-said-end-call-phrase",
          "assistant-ended-call-with-hangup-task",
          "assistant-ended-call-after-message-spoken",
          "silence-timed-out",
          "exceeded-max-duration",
          "call.in-progress.twilio-completed-call",
          "call.in-progress.sip-completed-call",
          "vonage-completed");

  private static final Set<String> NO_ANSWER_REASONS =
      Set.of(
          "customer-did-not-answer",
          "call.forwarding.no-answer",
          "call.in-progress.error-providerfault-outbound-sip-408-request-timeout",
          "call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable");

  private static final Set<String> BUSY_REASONS =
      Set.of("customer-busy", "call.forwarding.operator-busy");

  private static final Set<String> DECLINED_REASONS = Set.of("vonage-rejected");

  private static final Set<String> TRANSFERRED_REASONS =
      Set.of(
          "assistant-forwarded-call",
          "call.ending.hook-executed-transfer",
          "call.ringing.hook-executed-transfer");

  public static CallOutcome of(String endedReason, boolean customerAskedNotToBeCalled) {
    if (customerAskedNotToBeCalled) {
      return DECLINED;
    }
    if (endedReason == null) {
      return FAILED;
    }
    if ("voicemail".equals(endedReason)) {
      return VOICEMAIL;
    }
    if (ANSWERED_REASONS.contains(endedReason)) {
      return ANSWERED;
    }
    if (NO_ANSWER_REASONS.contains(endedReason)) {
      return NO_ANSWER;
    }
    if (BUSY_REASONS.contains(endedReason)) {
      return BUSY;
    }
    if (DECLINED_REASONS.contains(endedReason)) {
      return DECLINED;
    }
    if (TRANSFERRED_REASONS.contains(endedReason)) {
      return TRANSFERRED;
    }
    return FAILED;
  }
}
