package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;

/**
 * Drill: every end-of-call report of 100 calls is delivered three times, all 300 deliveries
 * shuffled and sent concurrently. Each journey hears all three and records the call once: one
 * contact, one conversation, three messages per call.
 */
@Drill
class TripleDeliveryDrillTest extends EngineTest {

  private static final int CALLS = 100;
  private static final int DELIVERIES_EACH = 3;

  @Test
  void everyReportDeliveredThreeTimesOutOfOrderYieldsOneConversationPerCall() {
    List<String> phones = Callers.block(610, CALLS);
    List<Integer> deliveries = new ArrayList<>();
    IntStream.range(0, CALLS)
        .forEach(call -> Collections.nCopies(DELIVERIES_EACH, call).forEach(deliveries::add));
    Collections.shuffle(deliveries, new Random(6));
    AtomicInteger transcripts = new AtomicInteger();
    Runnable stopCounting =
        CHATWOOT.onRequest(
            r -> {
              if (r.status() == 200
                  && r.body().contains("call:triple-")
                  && r.body().contains(":transcript")) {
                transcripts.incrementAndGet();
              }
            });
    List<Integer> statuses;
    try {
      statuses =
          Concurrently.map(
              deliveries,
              24,
              call ->
                  postVapi(Reports.endOfCall("triple-" + call, phones.get(call)).toString())
                      .statusCode());
      CHATWOOT.awaitUntil(
          CALLS + " transcripts", () -> transcripts.get() >= CALLS, Duration.ofMinutes(1));
    } finally {
      stopCounting.run();
    }
    phones.forEach(
        phone ->
            awaitJourney(
                journeyOf(phone), state -> state.stage() == JourneyStage.WAITING_FOR_REPLY));

    assertThat(statuses).hasSize(CALLS * DELIVERIES_EACH).containsOnly(200);
    assertThat(ChatwootTally.of(CHATWOOT, phones)).isEqualTo(ChatwootTally.exactlyOnce(CALLS, 3));
    for (String phone : phones) {
      List<HistoryEvent> history = temporal.fetchHistory(journeyOf(phone)).getEvents();
      assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED))
          .as("starts of %s", phone)
          .isEqualTo(1);
      assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED))
          .as("deliveries heard by %s", phone)
          .isEqualTo(DELIVERIES_EACH);
      // The contact and its conversation opened with the whole call in one step: a third
      // delivery of the same report schedules nothing more.
      assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
          .as("Chatwoot steps of %s", phone)
          .isEqualTo(1);
    }
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }
}
