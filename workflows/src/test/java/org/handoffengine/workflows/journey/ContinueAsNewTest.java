package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.PHONE;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.policy.CallingWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What handlers set survives continue-as-new: it travels in the journey's carried state. */
class ContinueAsNewTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aRetryDeliveredInTheTaskThatContinuesAsNewStillRetries() {
    AtomicInteger posts = new AtomicInteger();
    AtomicLong ids = new AtomicLong(7000);
    doAnswer(
            call -> {
              // The first call's messages go with its conversation's opening: post 1 is the second
              // call's.
              if (posts.incrementAndGet() == 1) {
                // The operator's retry arrives while the refused write is still in flight, so the
                // journey sees it after its loop looked for news, in the run that then continues.
                harness.journey().retry();
                throw ApplicationFailure.newNonRetryableFailure(
                    "Chatwoot answered 401: Invalid Access Token", "PlatformRejected");
              }
              return ((PostMessagesRequest) call.getArgument(0))
                  .messages().stream().map(m -> ids.getAndIncrement()).toList();
            })
        .when(harness.chatwoot)
        .postMessages(any());
    JourneyWorkflow journey =
        harness.callEnded(
            JourneyHarness.JOURNEY_ID,
            PHONE,
            inboundCall("call-1"),
            JourneyHarness.settings(CallingWindow.ALWAYS, 34));
    harness.pass(Duration.ofMinutes(1));
    String firstRun = WorkflowStub.fromTyped(journey).describe().getExecution().getRunId();

    harness.journey().callEnded(inboundCall("call-2"));
    harness.pass(Duration.ofMinutes(1));

    var firstRunEvents =
        harness.client.fetchHistory(JourneyHarness.JOURNEY_ID, firstRun).getEvents();
    List<EventType> types = firstRunEvents.stream().map(e -> e.getEventType()).toList();
    assertThat(types).contains(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED);
    assertThat(types.get(types.size() - 1))
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(state.calls())
        .extracting(JourneyView.CallSummary::callId)
        .containsExactly("call-1", "call-2");
    assertThat(posts).hasValue(2);
  }
}
