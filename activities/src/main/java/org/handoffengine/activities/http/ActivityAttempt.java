package org.handoffengine.activities.http;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The workflow run an activity attempt serves, which attempt it is, how long it may take (its
 * start-to-close timeout, null when none is set), when the server handed it out ({@code startedAt},
 * on the server's clock; null when unknown) and the retry policy's delay after it ({@code
 * backoff}).
 */
public record ActivityAttempt(
    String runId, int attempt, Duration startToClose, Instant startedAt, Duration backoff) {

  /** Empty outside an activity (a tool, a test calling the class directly). */
  public static Optional<ActivityAttempt> current() {
    try {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      return Optional.of(
          new ActivityAttempt(
              info.getRunId(),
              info.getAttempt(),
              info.getStartToCloseTimeout(),
              info.getStartedTimestamp() > 0
                  ? Instant.ofEpochMilli(info.getStartedTimestamp())
                  : null,
              backoff(info.getRetryOptions(), info.getAttempt())));
    } catch (IllegalStateException notInAnActivity) {
      return Optional.empty();
    }
  }

  /** The policy's delay after attempt {@code attempt}, with Temporal's defaults where unset. */
  static Duration backoff(RetryOptions retry, int attempt) {
    if (retry == null) {
      return Duration.ZERO;
    }
    Duration initial =
        retry.getInitialInterval() != null ? retry.getInitialInterval() : Duration.ofSeconds(1);
    double coefficient = retry.getBackoffCoefficient() > 0 ? retry.getBackoffCoefficient() : 2.0;
    Duration maximum =
        retry.getMaximumInterval() != null ? retry.getMaximumInterval() : initial.multipliedBy(100);
    double millis = initial.toMillis() * Math.pow(coefficient, Math.max(0, attempt - 1));
    return millis >= maximum.toMillis() ? maximum : Duration.ofMillis((long) millis);
  }

  /**
   * True only for the first attempt of an activity scheduled by run {@code runId}: no earlier
   * attempt of it can have written anything. A retry, or the same step scheduled again by a reset
   * (a new run), is not a first attempt in that run.
   */
  public static boolean isFirstIn(String runId) {
    return runId != null
        && current().filter(a -> a.attempt() == 1 && a.runId().equals(runId)).isPresent();
  }
}
