package org.handoffengine.activities.vapi;

import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import org.handoffengine.activities.http.PlatformFailures;

/**
 * Vapi refuses a call while all of the org's call slots are busy (10 by default) with a 400 whose
 * message is "Over Concurrency Limit" (docs {@code calls/call-concurrency}). Every other 400 of
 * {@code POST /call} is a refusal no retry fixes; this one a retry fixes as soon as a call ends, so
 * it is retried, inside the follow-up's calling window, instead of stopping the journey until
 * somebody retries it by hand. Nothing was placed, so the retry's look for an earlier call finds
 * none and it dials.
 */
final class ConcurrencyCap {

  static final String OVER = "VapiOverConcurrencyLimit";

  private ConcurrencyCap() {}

  /** {@code refused} as a retryable failure when it is Vapi's concurrency refusal; else itself. */
  static ApplicationFailure retryableIfOver(ApplicationFailure refused) {
    String answer = refused.getOriginalMessage();
    if (!PlatformFailures.REJECTED.equals(refused.getType())
        || answer == null
        || !answer.startsWith("Vapi answered 400")
        || !answer.toLowerCase(Locale.ROOT).contains("concurrency limit")) {
      return refused;
    }
    ApplicationFailure busy =
        ApplicationFailure.newFailure(
            answer + "; every call slot is busy, so the call is placed again once one is free",
            OVER);
    busy.setStackTrace(new StackTraceElement[0]);
    return busy;
  }
}
