package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.START;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Vapi tells a journey while a call is live: status, stalls, tool requests. */
class CallDuringJourneyTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void callStatusIsRecordedOnceAndShownInTheCurrentDetails() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    CallEvent inProgress = new CallEvent("call-2", "status-update", "in-progress", null, START);
    harness.journey().callEvent(inProgress);
    harness.journey().callEvent(inProgress);
    harness.journey().callEvent(new CallEvent("call-2", "hang", null, null, START));
    harness.pass(Duration.ofSeconds(5));

    JourneyView state = harness.journey().state();
    assertThat(state.callEvents())
        .extracting(CallEvent::type)
        .containsExactly("status-update", "hang");
    assertThat(state.statusLine()).endsWith("; call call-2: the assistant stalled");
    // What the Temporal UI shows as the journey's current details.
    var metadata =
        harness
            .client
            .newUntypedWorkflowStub(JourneyHarness.JOURNEY_ID)
            .query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails()).endsWith("the assistant stalled");

    harness
        .journey()
        .callEvent(new CallEvent("call-2", "status-update", "ended", "customer-ended-call", START));
    harness.pass(Duration.ofSeconds(5));
    assertThat(harness.journey().state().statusLine()).doesNotContain("call-2");
  }

  @Test
  void escalateNowAnswersOnceTheHandOverIsDoneAndEscalatesOnce() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    var first =
        harness
            .journey()
            .escalateNow(
                new EscalationRequest("vapi-tool:t1", "vapi", "caller asked for a person"));
    var again =
        harness.journey().escalateNow(new EscalationRequest("vapi-tool:t2", "vapi", "asked twice"));

    assertThat(first.outcome()).isEqualTo(EscalationAnswer.Outcome.ESCALATED);
    assertThat(first.escalation().reason()).isEqualTo("caller asked for a person");
    verify(harness.chatwoot, times(1)).handOver(any()); // done before the answer came back
    assertThat(again.outcome()).isEqualTo(EscalationAnswer.Outcome.ALREADY_ESCALATED);
    assertThat(again.escalation().reason()).isEqualTo("caller asked for a person");
    harness.pass(Duration.ofMinutes(1));
    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().escalation().source()).isEqualTo("vapi");
  }

  @Test
  void escalateNowOnABlockedJourneySaysItIsQueued() {
    org.mockito.Mockito.doThrow(
            io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                "Chatwoot answered 401: Invalid Access Token", "PlatformRejected"))
        .doNothing()
        .when(harness.chatwoot)
        .handOver(any());
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    var answer =
        harness
            .journey()
            .escalateNow(new EscalationRequest("vapi-tool:t1", "vapi", "wants a person"));

    assertThat(answer.outcome()).isEqualTo(EscalationAnswer.Outcome.QUEUED);
    assertThat(answer.escalation().escalated()).isFalse();
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.NEEDS_ATTENTION);
    harness.journey().retry();
    harness.pass(Duration.ofMinutes(1));
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.ESCALATED);
  }

  @Test
  void anEscalationWithoutAnIdIsRefusedBeforeItIsRecorded() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> harness.journey().escalateNow(new EscalationRequest(" ", "api", "x")))
        .isInstanceOf(io.temporal.client.WorkflowUpdateException.class);
    harness.pass(Duration.ofMinutes(1));
    verify(harness.chatwoot, never()).handOver(any());
  }

  @Test
  void aRequestedCallbackMovesTheNextFollowUpCall() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));
    Instant callback = Instant.parse("2026-11-23T20:30:00Z"); // the same evening, 15:30 in New York

    harness.journey().scheduleCallback(new CallbackRequest("t-callback", callback));
    harness.pass(Duration.ofMinutes(1));
    assertThat(harness.journey().state().followUp().nextCallAt()).isEqualTo(callback);
    assertThat(harness.journey().state().statusLine())
        .isEqualTo("waiting for reply, callback requested for 2026-11-23 15:30 America/New_York");

    harness.pass(Duration.ofHours(7));

    assertThat(harness.callsPlacedAt)
        .singleElement()
        .satisfies(at -> assertThat(at.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(callback));
  }

  /**
   * A callback the customer asked for at 18:30 New York, outside the calling window, that Vapi
   * could not dial: it is placed again 5 minutes later, still at the customer's time, not the next
   * morning.
   */
  @Test
  void aCallbackVapiCouldNotDialIsPlacedAgainAtOnceOutsideTheCallingWindow() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));
    Instant callback = Instant.parse("2026-11-23T23:30:00Z"); // 18:30 in New York
    harness.journey().scheduleCallback(new CallbackRequest("t-late", callback));
    harness.pass(Duration.ofHours(10));
    assertThat(harness.callsPlacedAt).hasSize(1);

    harness
        .journey()
        .callEnded(JourneyHarness.followUpEnded("out-1", FollowUpCalls.CONCURRENCY_BLOCKED, false));
    Instant reported = Instant.ofEpochMilli(harness.env.currentTimeMillis());
    harness.pass(Duration.ofMinutes(10));

    assertThat(harness.callsPlacedAt).hasSize(2);
    assertThat(harness.callsPlacedAt.get(1).truncatedTo(ChronoUnit.MINUTES))
        .isEqualTo(reported.plus(FollowUpCaller.REDIAL_AFTER).truncatedTo(ChronoUnit.MINUTES));
    assertThat(harness.journey().state().followUp().attemptsMade()).isEqualTo(1);
  }

  @Test
  void aCallbackIsNotPlacedForACustomerWhoDeclined() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));
    harness.journey().callEnded(JourneyHarness.followUpEnded("out-1", "vonage-rejected", false));
    harness.pass(Duration.ofMinutes(1));

    harness.journey().scheduleCallback(new CallbackRequest("t-cb", START.plus(Duration.ofDays(2))));
    harness.pass(Duration.ofDays(5));

    verify(harness.vapi, times(1)).placeFollowUpCall(any());
    assertThat(harness.journey().state().followUp().customerDeclined()).isTrue();
  }

  @Test
  void anEscalationBeforeAnyCallIsRecordedWaitsForTheConversation() {
    // Update-with-start, as the Vapi tool does during a caller's first call.
    JourneyWorkflow journey =
        harness.client.newWorkflowStub(
            JourneyWorkflow.class,
            io.temporal.client.WorkflowOptions.newBuilder()
                .setWorkflowId(JourneyHarness.JOURNEY_ID)
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    io.temporal.api.enums.v1.WorkflowIdConflictPolicy
                        .WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    var start =
        new io.temporal.client.WithStartWorkflowOperation<>(
            journey::run,
            new JourneyInput(
                JourneyHarness.JOURNEY_ID, JourneyHarness.PHONE, JourneyHarness.settings(), null));
    var status =
        io.temporal.client.WorkflowClient.executeUpdateWithStart(
            journey::escalateNow,
            new EscalationRequest("vapi-tool:t0", "vapi", "wants a person"),
            io.temporal.client.UpdateOptions.<EscalationAnswer>newBuilder()
                .setWaitForStage(io.temporal.client.WorkflowUpdateStage.COMPLETED)
                .build(),
            start);
    assertThat(status.outcome())
        .isEqualTo(EscalationAnswer.Outcome.QUEUED); // no conversation to hand over yet
    assertThat(status.escalation().escalated()).isFalse();
    harness.pass(Duration.ofMinutes(1));
    verify(harness.chatwoot, never()).handOver(any());

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.ESCALATED);
  }
}
