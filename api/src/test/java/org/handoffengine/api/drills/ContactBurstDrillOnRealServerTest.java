package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Drill, scaled down from the bench's {@code --drill contact-burst} (500 callers, 100 searches a
 * minute): 20 new callers at once for one account whose Chatwoot allows 10 contact searches per
 * 10-second window and answers the 11th with rack-attack's 429. The engine's budget is 54 a minute
 * (0.9 a second, 9 per window), enforced by the real server on the account's contact queue for all
 * workers together, so the burst waits in Temporal: every caller gets one contact and one
 * conversation, and Chatwoot throttles (almost) nothing. A real server because the SDK's test
 * server ignores {@code maxTaskQueueActivitiesPerSecond}.
 */
@Drill
@RealTemporal
@TestPropertySource(
    properties =
        "handoff.chatwoot.contact-searches-per-minute="
            + ContactBurstDrillOnRealServerTest.ENGINE_BUDGET_PER_MINUTE)
class ContactBurstDrillOnRealServerTest extends EngineTest {

  static final int ENGINE_BUDGET_PER_MINUTE = 54;
  private static final int CALLERS = 20;
  private static final int CHATWOOT_BUDGET = 10;
  private static final Duration CHATWOOT_WINDOW = Duration.ofSeconds(10);

  @AfterEach
  void chatwootUnthrottled() {
    CHATWOOT.limitContactSearches(0, CHATWOOT_WINDOW);
  }

  @Test
  void aBurstOfNewCallersWaitsForTheAccountsContactBudgetInsteadOfBeingThrottled() {
    List<String> phones = Callers.block(655, CALLERS);
    CHATWOOT.limitContactSearches(CHATWOOT_BUDGET, CHATWOOT_WINDOW);
    int throttledBefore = CHATWOOT.contactSearchesThrottled();
    AtomicInteger transcripts = new AtomicInteger();
    Runnable stopCounting =
        CHATWOOT.onRequest(
            r -> {
              if (r.status() == 200
                  && r.body().contains("call:burst-")
                  && r.body().contains(":transcript")) {
                transcripts.incrementAndGet();
              }
            });
    long started = System.nanoTime();
    List<Integer> statuses;
    try {
      statuses =
          Concurrently.map(
              phones,
              CALLERS,
              phone ->
                  postVapi(Reports.endOfCall("burst-" + phone.substring(1), phone).toString())
                      .statusCode());
      CHATWOOT.awaitUntil(
          CALLERS + " transcripts", () -> transcripts.get() >= CALLERS, Duration.ofSeconds(90));
    } finally {
      stopCounting.run();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    phones.forEach(
        phone ->
            awaitJourney(
                journeyOf(phone), state -> state.stage() == JourneyStage.WAITING_FOR_REPLY));

    List<RecordedRequest> searches =
        CHATWOOT.requests("GET", ".*/contacts/search").stream()
            .filter(r -> phones.contains(r.query().get("q")))
            .toList();
    int throttled = CHATWOOT.contactSearchesThrottled() - throttledBefore;
    System.out.printf(
        "contact burst drill: %d callers, %d searches, %d throttled (429), %.1f s%n",
        CALLERS, searches.size(), throttled, took.toMillis() / 1000.0);

    assertThat(statuses).hasSize(CALLERS).containsOnly(200);
    assertThat(ChatwootTally.of(CHATWOOT, phones)).isEqualTo(ChatwootTally.exactlyOnce(CALLERS, 3));
    // Unlimited, the burst's searches land in one window and half of them are refused, then their
    // retries again: many 429s. Held to 0.9 a second (the server's token bucket may let a search or
    // two through early), at most a stray one.
    assertThat(throttled).as("searches Chatwoot throttled").isLessThanOrEqualTo(2);
    // The burst was spread out: 20 searches at 0.9 a second take well over 10 s.
    assertThat(took).isGreaterThan(Duration.ofSeconds(12));
  }
}
