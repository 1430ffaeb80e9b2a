package org.handoffengine.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The retry policy's own delay after an attempt, which a lost answer's wait never undercuts: a
 * platform that keeps losing answers still gets longer and longer pauses.
 */
class ActivityAttemptTest {

  @Test
  void theBackoffDoublesFromTheFirstIntervalUpToTheMaximum() {
    RetryOptions production =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(5))
            .build();

    assertThat(ActivityAttempt.backoff(production, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ActivityAttempt.backoff(production, 4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(ActivityAttempt.backoff(production, 30)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void unsetPartsTakeTemporalsDefaults() {
    assertThat(ActivityAttempt.backoff(RetryOptions.newBuilder().build(), 3))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(ActivityAttempt.backoff(RetryOptions.newBuilder().build(), 40))
        .as("100 times the first interval")
        .isEqualTo(Duration.ofSeconds(100));
    assertThat(ActivityAttempt.backoff(null, 3)).isEqualTo(Duration.ZERO);
  }
}
