package org.handoffengine.activities.http;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an attempt's writes inside the attempt. Activities are idempotent by "look, then write";
 * that only holds if no two attempts write at once. Temporal starts the retry when an attempt's
 * start-to-close timeout passes, whether or not the first attempt is still running, so an attempt
 * starts a write only when that write (bounded by the HTTP timeout) ends before its deadline. The
 * next attempt then looks after every write of this one has ended.
 */
public final class AttemptDeadline {

  private static final Logger log = LoggerFactory.getLogger(AttemptDeadline.class);

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
    return of(ActivityAttempt.current(), requestTimeout, clock);
  }

  static AttemptDeadline of(
      Optional<ActivityAttempt> attempt, Duration requestTimeout, Clock clock) {
    Instant now = clock.instant();
    // Outside an activity (a tool, a test calling the class directly) nothing races the call.
    Instant deadline =
        attempt
            .filter(a -> a.startToClose() != null && !a.startToClose().isZero())
            .map(
                a ->
                    startedOnTheServer(a, now, requestTimeout).plus(a.startToClose()).minus(MARGIN))
            .orElse(null);
    return new AttemptDeadline(deadline, requestTimeout, clock);
  }

  /**
   * The server runs the start-to-close timeout from when it handed the task out, which on a busy
   * worker (a pause, a queue for the executor) can be seconds before the activity's code runs; the
   * retry starts on that clock. A start in this worker's future is a server clock ahead of ours
   * (the embedded server's, once a test has skipped time), and then this worker's start counts. So
   * does a start so early that not one write would fit: that is a worker clock running ahead of the
   * server's, and counting from it would refuse every write of every attempt.
   */
  private static Instant startedOnTheServer(
      ActivityAttempt attempt, Instant now, Duration requestTimeout) {
    Instant started = attempt.startedAt();
    if (started == null || !started.isBefore(now)) {
      return now;
    }
    Instant lastWriteStart =
        started.plus(attempt.startToClose()).minus(MARGIN).minus(requestTimeout);
    if (lastWriteStart.isBefore(now)) {
      log.warn(
          "activity attempt started {} ms before its code ran, too late for any write; counting"
              + " from this worker's clock (is it ahead of the Temporal server's?)",
          Duration.between(started, now).toMillis());
      return now;
    }
    return started;
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
