package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;

/**
 * Drill: Chatwoot answers 429 with {@code Retry-After: 1} three times. The engine waits the second
 * it is told before each new attempt (its own retry interval here is 0.1 s, so a client ignoring
 * the header would come back far sooner), then completes the journey.
 */
@Drill
class RateLimitDrillTest extends EngineTest {

  @Test
  void rateLimitedWritesAreRetriedNoSoonerThanRetryAfterAndTheJourneyCompletes() {
    String phone = Callers.block(640, 1).get(0);
    CHATWOOT.faults().rateLimitNextWrites(3, "1");

    assertThat(postVapi(Reports.endOfCall("rate-limited-1", phone).toString()).statusCode())
        .isEqualTo(200);
    awaitJourney(journeyOf(phone), state -> state.stage() == JourneyStage.WAITING_FOR_REPLY);

    // The contact step: search, create (429), search again in case an earlier attempt created it;
    // the same again after each wait.
    List<RecordedRequest> contactStep =
        CHATWOOT.requests().stream()
            .filter(
                r ->
                    phone.equals(r.query().get("q"))
                        || (r.is("POST", ".*/contacts") && r.body().contains(phone)))
            .toList();
    assertThat(contactStep)
        .extracting(r -> r.method() + " " + r.status())
        .containsExactly(
            "GET 200",
            "POST 429",
            "GET 200",
            "GET 200",
            "POST 429",
            "GET 200",
            "GET 200",
            "POST 429",
            "GET 200",
            "GET 200",
            "POST 200");
    for (int attempt = 1; attempt < 4; attempt++) {
      RecordedRequest endOfAttempt = contactStep.get(3 * attempt - 1);
      RecordedRequest nextAttempt = contactStep.get(3 * attempt);
      assertThat(Duration.between(endOfAttempt.at(), nextAttempt.receivedAt()))
          .as("wait after 429 number %d", attempt)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(ChatwootTally.of(CHATWOOT, List.of(phone)))
        .isEqualTo(ChatwootTally.exactlyOnce(1, 3));
    assertThat(
            CHATWOOT.requests().stream().filter(r -> r.status() == 429 && r.body().contains(phone)))
        .hasSize(3);
  }
}
