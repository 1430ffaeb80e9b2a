package org.handoffengine.workflows.journey;

/**
 * Workflow ids derived from platform ids, so a webhook delivered twice lands on the same journey
 * and a journey can be found without Temporal's visibility store (the embedded server has none).
 */
public final class JourneyIds {

  public static final String TASK_QUEUE = "handoff-journeys";

  private static final String PREFIX = "journey-";
  private static final String CALL_PREFIX = PREFIX + "call-";

  private JourneyIds() {}

  /** The journey of a customer known by phone number (already E.164). */
  public static String forCustomer(String e164) {
    if (!CustomerPhone.isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 number: " + e164);
    }
    return PREFIX + e164;
  }

  /** The journey of a call that carried no customer number (a web call, a withheld number). */
  public static String forAnonymousCall(String callId) {
    if (callId == null || callId.isBlank()) {
      throw new IllegalArgumentException("a call id is required");
    }
    return CALL_PREFIX + callId;
  }

  public static boolean isJourneyId(String value) {
    return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length();
  }
}
