package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each activity the journey schedules carries a summary that reads like the journey, and names no
 * customer.
 */
class ActivitySummariesTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void theEventHistoryReadsLikeTheJourney() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25)); // the call written, then the first follow-up placed

    List<String> summaries =
        harness.client.fetchHistory(JourneyHarness.JOURNEY_ID).getEvents().stream()
            .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(ActivitySummariesTest::summary)
            .toList();

    assertThat(summaries)
        .startsWith(
            "find or create contact, open conversation with call call-1", "read conversation 1234")
        .contains("follow-up call 1 of 3");
    assertThat(String.join("\n", summaries))
        .doesNotContain(JourneyHarness.PHONE, JourneyHarness.PHONE.substring(2), "Dana");
  }

  private static String summary(HistoryEvent event) {
    return DefaultDataConverter.newDefaultInstance()
        .fromPayload(event.getUserMetadata().getSummary(), String.class, String.class);
  }
}
