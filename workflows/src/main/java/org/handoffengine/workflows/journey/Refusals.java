package org.handoffengine.workflows.journey;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;

/**
 * The journey's one answer to a platform refusing a step. Platform activities retry without limit,
 * so the only {@link ActivityFailure} that carries an {@link ApplicationFailure} out of them is a
 * refusal the activity marked non-retryable (Chatwoot 401/403/404/422, Vapi 400/401/404/422). Such
 * a refusal never fails the journey: it stops the journey's writes, shows the platform's answer
 * (stage {@code NEEDS_ATTENTION}) and waits for {@code retry} or a new call, after which the loop
 * takes the same step again from the journey's state. Timeouts and cancellations are not refusals:
 * the step that set them handles them.
 */
final class Refusals {

  private final JourneyState journey;

  Refusals(JourneyState journey) {
    this.journey = journey;
  }

  /**
   * Runs a step that calls a platform; false when the platform refused it and the journey now
   * waits.
   */
  boolean attempt(Runnable step) {
    try {
      step.run();
      return true;
    } catch (ActivityFailure failure) {
      String answer = answerOf(failure).orElseThrow(() -> failure);
      journey.attention.refused(answer);
      journey.updatedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      return false;
    }
  }

  /** The platform's answer when the failure is a refusal; empty for a timeout or a cancellation. */
  static Optional<String> answerOf(ActivityFailure failure) {
    boolean notRetryable =
        failure.getRetryState() == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
            || (failure.getCause() instanceof ApplicationFailure app && app.isNonRetryable());
    if (notRetryable && failure.getCause() instanceof ApplicationFailure refused) {
      return Optional.of(refused.getOriginalMessage());
    }
    return Optional.empty();
  }
}
