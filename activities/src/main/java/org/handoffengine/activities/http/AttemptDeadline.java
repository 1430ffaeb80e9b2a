package org.handoffengine.activities.http;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps an attempt's writes inside the attempt. Activities are idempotent by "look, then write";
 * that only holds if no two attempts write at once. Temporal starts the retry when an attempt's
 * start-to-close timeout passes, whether or not the first attempt is still running, so an attempt
 * starts a write only when that write (bounded by the HTTP timeout) ends before its deadline. The
 * next attempt then looks after every write of this one has ended.
 */
public final class AttemptDeadline {

  /** Room for the clock difference between this worker and the Temporal server. */
  static final Duration MARGIN = Duration.ofSeconds(1);

  private final Instant deadline;
  private final Duration requestTimeout;
  private final Clock clock;

  AttemptDeadline(Instant deadline, Duration requestTimeout, Clock clock) {
    this.deadline = deadline;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * Call when the attempt starts; outside an activity (or without a timeout) there is no deadline.
   */
  public static AttemptDeadline start(Duration requestTimeout, Clock clock) {
    // Outside an activity (a tool, a test calling the class directly) nothing races the call.
    Instant deadline =
        ActivityAttempt.current()
            .map(ActivityAttempt::startToClose)
            .filter(startToClose -> !startToClose.isZero())
            .map(startToClose -> clock.instant().plus(startToClose).minus(MARGIN))
            .orElse(null);
    return new AttemptDeadline(deadline, requestTimeout, clock);
  }

  /** Throws a retryable failure when a write started now could outlive the attempt. */
  public void beforeWrite(String what) {
    if (deadline != null && clock.instant().plus(requestTimeout).isAfter(deadline)) {
      throw ApplicationFailure.newFailure(
          "not enough time left in this attempt to "
              + what
              + " within the platform timeout of "
              + requestTimeout
              + "; the next attempt will find what this one wrote",
          "AttemptOutOfTime");
    }
  }
}
