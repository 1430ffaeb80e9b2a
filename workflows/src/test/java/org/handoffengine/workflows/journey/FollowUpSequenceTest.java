package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.CONVERSATION;
import static org.handoffengine.workflows.journey.JourneyHarness.START;
import static org.handoffengine.workflows.journey.JourneyHarness.followUpEnded;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.handoffengine.workflows.journey.JourneyHarness.message;
import static org.handoffengine.workflows.journey.JourneyHarness.status;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.HandoverRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.policy.CallingWindow;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The journey's second half, over days of skipped time: follow-up calls, replies, escalation,
 * resolution.
 */
class FollowUpSequenceTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void threeUnansweredFollowUpsOverSevenDaysThenTheSequenceStops() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25)); // quiet for 24 h: first call on Tuesday 09:00 New York
    assertThat(callTimes()).containsExactly(START.plus(Duration.ofHours(24)));

    harness.journey().callEnded(followUpEnded("out-1", "customer-did-not-answer", false));
    harness.pass(Duration.ofHours(24)); // 24 h after the first call
    harness.journey().callEnded(followUpEnded("out-2", "voicemail", false));
    harness.pass(Duration.ofHours(48)); // 48 h after the second
    harness.journey().callEnded(followUpEnded("out-3", "customer-busy", false));
    harness.pass(Duration.ofHours(72)); // 72 h after the third: give up, on day 7

    assertThat(callTimes())
        .containsExactly(
            START.plus(Duration.ofHours(24)),
            START.plus(Duration.ofHours(48)),
            START.plus(Duration.ofHours(96)));
    ArgumentCaptor<FollowUpCallRequest> call = ArgumentCaptor.forClass(FollowUpCallRequest.class);
    verify(harness.vapi, times(3)).placeFollowUpCall(call.capture());
    assertThat(call.getAllValues())
        .extracting(FollowUpCallRequest::attempt)
        .containsExactly(1, 2, 3);
    assertThat(call.getValue().customerNumber()).isEqualTo(JourneyHarness.PHONE);
    assertThat(call.getValue().variableValues())
        .containsEntry("chatwootConversationId", String.valueOf(CONVERSATION))
        .containsEntry("summary", "Dana asked about order 10423; it shipped to an old address.");
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.FOLLOW_UPS_STOPPED);
    assertThat(state.followUp().stoppedBecause()).isEqualTo("no answer after 3 follow-up calls");
    assertThat(state.followUp().attemptsMade()).isEqualTo(3);
    assertThat(notes()).filteredOn(n -> n.key().startsWith("follow-up:")).hasSize(3);
    assertThat(notes()).filteredOn(n -> n.key().startsWith("follow-ups-stopped")).hasSize(1);
    // Every call is also a call of the journey, written into the conversation.
    assertThat(state.calls())
        .extracting(JourneyView.CallSummary::callId)
        .containsExactly("call-1", "out-1", "out-2", "out-3");
  }

  @Test
  void aCustomerReplyOnDayTwoStopsTheSequence() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));
    harness.journey().callEnded(followUpEnded("out-1", "customer-did-not-answer", false));
    harness.pass(Duration.ofHours(10));

    harness.journey().customerReplied(message(9001, "Sorry I missed you, is my parcel coming?"));
    harness.pass(Duration.ofDays(10));

    verify(harness.vapi, times(1)).placeFollowUpCall(any());
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.CUSTOMER_REPLIED);
    assertThat(state.followUp().stoppedBecause()).isEqualTo("the customer replied");
    assertThat(state.escalation().escalated()).isFalse();
  }

  @Test
  void anAgentReplyStopsTheSequence() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));

    harness.journey().agentReplied(message(9002, "Hi Dana, I am on it."));
    harness.pass(Duration.ofDays(10));

    verify(harness.vapi, never()).placeFollowUpCall(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.AGENT_HANDLING);
  }

  @Test
  void resolutionCompletesTheJourney() {
    JourneyWorkflow journey = harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));

    harness.journey().conversationStatusChanged(status("d-1", "resolved"));
    JourneyOutcome outcome = WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);

    assertThat(outcome.stage()).isEqualTo(JourneyStage.RESOLVED);
    assertThat(outcome.conversationId()).isEqualTo(CONVERSATION);
    assertThat(outcome.calls()).isEqualTo(1);
    verify(harness.vapi, never()).placeFollowUpCall(any());
  }

  @Test
  void resolvingAnotherConversationOfTheSameCustomerLeavesTheJourneyRunning() {
    JourneyWorkflow journey = harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));

    // An old conversation of this customer also names the journey: an agent resolves that one.
    harness
        .journey()
        .conversationStatusChanged(
            new ChatwootEvent("d-old", CONVERSATION - 1, null, null, "resolved", START));
    harness.pass(Duration.ofMinutes(1));

    assertThat(harness.journey().state().stage()).isNotEqualTo(JourneyStage.RESOLVED);
    harness.journey().conversationStatusChanged(status("d-1", "resolved"));
    assertThat(WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class).stage())
        .isEqualTo(JourneyStage.RESOLVED);
  }

  @Test
  void escalationCancelsPendingCallsAndHappensOnce() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));

    harness.journey().escalate(new EscalationRequest("api:1", "api", "customer is a VIP"));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().escalate(new EscalationRequest("api:2", "api", "asked again"));
    harness.journey().customerReplied(message(9003, "I want a human now"));
    harness.pass(Duration.ofDays(10));

    ArgumentCaptor<HandoverRequest> handover = ArgumentCaptor.forClass(HandoverRequest.class);
    verify(harness.chatwoot, times(1)).handOver(handover.capture());
    assertThat(handover.getValue())
        .isEqualTo(new HandoverRequest(1, CONVERSATION, 3L, null, "escalated"));
    assertThat(notes())
        .filteredOn(n -> n.key().equals("escalation"))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.content())
                    .contains("customer is a VIP", "Dana asked about order 10423", "call-1"));
    verify(harness.vapi, never()).placeFollowUpCall(any());
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.ESCALATED);
    assertThat(state.escalation().reason()).isEqualTo("customer is a VIP");
    assertThat(state.followUp().nextCallAt()).isNull();
  }

  @Test
  void aCustomerAskingForAPersonInChatwootIsEscalated() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));

    harness.journey().customerReplied(message(9004, "Can I speak to a representative?"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot).handOver(any());
    assertThat(harness.journey().state().escalation().source()).isEqualTo("chatwoot");
  }

  @Test
  void aFollowUpDueAt23hWaitsForTheCallingWindow() {
    // The call ends at 23:00 New York on Monday; 24 h of quiet ends at 23:00 on Tuesday.
    harness.pass(Duration.ofHours(14));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(24).plusMinutes(30));
    verify(harness.vapi, never()).placeFollowUpCall(any());
    assertThat(minutes(harness.journey().state().followUp().nextCallAt()))
        .isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));

    harness.pass(Duration.ofHours(10));

    assertThat(callTimes())
        .containsExactly(Instant.parse("2026-11-25T14:00:00Z")); // Wednesday 09:00 New York
  }

  @Test
  void aCustomerWhoDeclinedIsNeverCalledAgain() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));

    harness.journey().callEnded(followUpEnded("out-1", "customer-ended-call", true));
    harness.pass(Duration.ofDays(14));

    verify(harness.vapi, times(1)).placeFollowUpCall(any());
    JourneyView state = harness.journey().state();
    assertThat(state.followUp().customerDeclined()).isTrue();
    assertThat(state.stage()).isEqualTo(JourneyStage.FOLLOW_UPS_STOPPED);

    harness.callEnded(
        inboundCall("call-2")); // the customer calls in again: still never called by the sequence
    harness.pass(Duration.ofDays(14));
    verify(harness.vapi, times(1)).placeFollowUpCall(any());
  }

  @Test
  void aReplyWhoseWebhookWasLostStillPreventsTheCall() {
    when(harness.chatwoot.readConversation(any()))
        .thenReturn(
            new ConversationSnapshot(CONVERSATION, "open", START.plus(Duration.ofHours(20)), null));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofDays(5));

    verify(harness.chatwoot, atLeast(1)).readConversation(any());
    verify(harness.vapi, never()).placeFollowUpCall(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.CUSTOMER_REPLIED);
  }

  @Test
  void aLostEndOfCallReportIsFetchedFromVapi() {
    when(harness.vapi.fetchEndedCall("out-1"))
        .thenReturn(followUpEnded("out-1", "customer-did-not-answer", false));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(24).plusHours(3));

    verify(harness.vapi).fetchEndedCall("out-1");
    JourneyView state = harness.journey().state();
    assertThat(state.followUp().pendingCallId()).isNull();
    assertThat(state.calls()).extracting(JourneyView.CallSummary::callId).contains("out-1");
    assertThat(minutes(state.followUp().nextCallAt())).isEqualTo(START.plus(Duration.ofHours(48)));
  }

  @Test
  void aJourneyReceiving5000SignalsContinuesAsNewWithoutLosingState() {
    JourneyWorkflow journey =
        harness.callEnded(
            JourneyHarness.JOURNEY_ID,
            JourneyHarness.PHONE,
            inboundCall("call-1"),
            JourneyHarness.settings(CallingWindow.ALWAYS, 500));
    harness.pass(Duration.ofMinutes(1));
    String firstRun = WorkflowStub.fromTyped(journey).describe().getExecution().getRunId();
    harness.journey().escalate(new EscalationRequest("api:1", "api", "keep me"));

    for (int i = 0; i < 5_000; i++) {
      harness.journey().agentReplied(message(100_000 + i, "reply " + i));
    }
    harness.journey().agentReplied(message(100_000, "reply 0")); // already seen, in an earlier run
    harness.callEnded(inboundCall("call-1")); // a redelivered report from the first run
    harness.callEnded(inboundCall("call-2"));
    harness.pass(Duration.ofMinutes(1));

    var description = harness.client.newUntypedWorkflowStub(JourneyHarness.JOURNEY_ID).describe();
    assertThat(description.getExecution().getRunId()).isNotEqualTo(firstRun);
    JourneyView state = harness.journey().state();
    assertThat(state.conversationId()).isEqualTo(CONVERSATION);
    assertThat(state.escalation().reason()).isEqualTo("keep me");
    assertThat(state.calls())
        .extracting(JourneyView.CallSummary::callId)
        .containsExactly("call-1", "call-2");
    assertThat(state.stage()).isEqualTo(JourneyStage.ESCALATED);
    verify(harness.chatwoot, times(1)).openConversation(any());
    verify(harness.chatwoot, times(1)).handOver(any());
  }

  /** To the minute: the journey's clock moves on by the milliseconds its activities take. */
  /**
   * Vapi created the first follow-up but rang nobody: every call slot of the account was busy. That
   * attempt does not count. It is placed again five minutes later, and the sequence goes on from
   * the call that rang.
   */
  @Test
  void aCallVapiCouldNotDialForWantOfACallSlotIsPlacedAgainAndDoesNotCount() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25)); // the first call: Tuesday 09:00 New York
    Instant blockedReported = Instant.ofEpochMilli(harness.env.currentTimeMillis());
    harness.journey().callEnded(followUpEnded("out-1", FollowUpCalls.CONCURRENCY_BLOCKED, false));
    harness.pass(Duration.ofMinutes(10));

    assertThat(callTimes())
        .containsExactly(
            START.plus(Duration.ofHours(24)),
            minutes(blockedReported.plus(FollowUpCaller.REDIAL_AFTER)));
    ArgumentCaptor<FollowUpCallRequest> call = ArgumentCaptor.forClass(FollowUpCallRequest.class);
    verify(harness.vapi, times(2)).placeFollowUpCall(call.capture());
    assertThat(call.getAllValues()).extracting(FollowUpCallRequest::attempt).containsExactly(1, 1);
    JourneyView state = harness.journey().state();
    assertThat(state.followUp().attemptsMade()).isEqualTo(1);
    assertThat(state.followUp().pendingCallId()).isEqualTo("out-2");
    assertThat(notes())
        .filteredOn(n -> n.key().equals("follow-up-not-dialled:out-1"))
        .singleElement()
        .extracting(OutgoingMessage::content)
        .asString()
        .contains("every Vapi call slot of the account was busy", "does not count");

    harness.journey().callEnded(followUpEnded("out-2", "customer-did-not-answer", false));
    harness.pass(Duration.ofHours(25));
    verify(harness.vapi, times(3)).placeFollowUpCall(call.capture());
    assertThat(call.getValue().attempt()).as("the next real attempt").isEqualTo(2);
  }

  private List<Instant> callTimes() {
    return harness.callsPlacedAt.stream().map(FollowUpSequenceTest::minutes).toList();
  }

  private static Instant minutes(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES);
  }

  private List<OutgoingMessage> notes() {
    ArgumentCaptor<PostMessagesRequest> posted = ArgumentCaptor.forClass(PostMessagesRequest.class);
    verify(harness.chatwoot, atLeast(0)).postMessages(posted.capture());
    return posted.getAllValues().stream()
        .flatMap(r -> r.messages().stream())
        .filter(OutgoingMessage::privateNote)
        .toList();
  }
}
