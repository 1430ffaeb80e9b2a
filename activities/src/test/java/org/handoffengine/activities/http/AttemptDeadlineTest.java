package org.handoffengine.activities.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An attempt's writes must end before the server could start its retry, and the server times the
 * attempt from when it handed the task out, not from when the activity's code began.
 */
class AttemptDeadlineTest {

  private static final Instant RUNS_AT = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration START_TO_CLOSE = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private final MovingClock clock = new MovingClock(RUNS_AT);

  @Test
  void aWriteThatWouldOutliveTheAttemptOnTheServersClockIsNotStarted() {
    // Handed out 4 s before its code ran (a busy worker): the server retries at 12:00:06.
    AttemptDeadline deadline = startedOnTheServerAt(RUNS_AT.minusSeconds(4));

    assertThatCode(() -> deadline.beforeWrite("create the contact")).doesNotThrowAnyException();
    clock.advance(Duration.ofSeconds(3));
    // A 3 s write from 12:00:03 could still be running when the retry looks.
    assertThatThrownBy(() -> deadline.beforeWrite("create the conversation"))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("not enough time left in this attempt to create the conversation")
        .extracting(f -> ((ApplicationFailure) f).getType())
        .isEqualTo("AttemptOutOfTime");
  }

  @Test
  void anAttemptHandedOutAtOnceMayWriteUntilItsLastRequestTimeoutBeforeTheDeadline() {
    AttemptDeadline deadline = startedOnTheServerAt(RUNS_AT);

    clock.advance(Duration.ofSeconds(6));
    assertThatCode(() -> deadline.beforeWrite("post the transcript")).doesNotThrowAnyException();
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> deadline.beforeWrite("post the note"))
        .isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void aServerClockAheadOfTheWorkersCountsFromTheWorkersOwnStart() {
    // The embedded server's clock after a test skipped two days of follow-up timers.
    AttemptDeadline deadline = startedOnTheServerAt(RUNS_AT.plus(Duration.ofDays(2)));

    clock.advance(Duration.ofSeconds(6));
    assertThatCode(() -> deadline.beforeWrite("post the transcript")).doesNotThrowAnyException();
  }

  @Test
  void aStartTooEarlyForAnyWriteIsAWorkerClockAheadAndCountsFromTheWorkersOwnStart() {
    // 7 s "before" a 10 s attempt leaves less than one 3 s write: a clock skew, not a late start.
    AttemptDeadline deadline = startedOnTheServerAt(RUNS_AT.minusSeconds(7));

    assertThatCode(() -> deadline.beforeWrite("create the contact")).doesNotThrowAnyException();
    clock.advance(Duration.ofSeconds(6));
    assertThatCode(() -> deadline.beforeWrite("post the transcript")).doesNotThrowAnyException();
  }

  @Test
  void withoutAStartToCloseTimeoutNothingRacesTheWrite() {
    AttemptDeadline deadline =
        AttemptDeadline.of(
            Optional.of(new ActivityAttempt("run", 1, Duration.ZERO, RUNS_AT, Duration.ZERO)),
            REQUEST_TIMEOUT,
            clock);

    clock.advance(Duration.ofHours(1));
    assertThatCode(() -> deadline.beforeWrite("anything")).doesNotThrowAnyException();
  }

  private AttemptDeadline startedOnTheServerAt(Instant startedAt) {
    return AttemptDeadline.of(
        Optional.of(new ActivityAttempt("run", 1, START_TO_CLOSE, startedAt, Duration.ZERO)),
        REQUEST_TIMEOUT,
        clock);
  }

  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
