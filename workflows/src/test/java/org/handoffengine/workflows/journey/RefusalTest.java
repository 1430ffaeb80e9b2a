package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.CONVERSATION;
import static org.handoffengine.workflows.journey.JourneyHarness.followUpEnded;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refusal that retrying cannot fix, on every path that calls a platform, never fails the journey:
 * it stays running in NEEDS_ATTENTION with the platform's answer, and {@code retry} takes the same
 * step again once the cause is fixed. The activities raise these refusals themselves (their own
 * tests prove which statuses are non-retryable); here they are raised as the activities raise them.
 */
class RefusalTest {

  private static final List<String> CHATWOOT =
      List.of(
          "Chatwoot answered 401: {\"error\":\"Invalid Access Token\"}",
          "Chatwoot answered 404: {\"error\":\"Resource could not be found\"}",
          "Chatwoot answered 422: {\"message\":\"Inbox is not an API inbox\"}");
  private static final List<String> VAPI =
      List.of(
          "Vapi answered 400: {\"message\":[\"customer.number must be a valid phone number in the E.164 format\"]}",
          "Vapi answered 404: {\"message\":\"Not Found\"}",
          "Vapi answered 422: {\"message\":\"Couldn't get assistant\"}");

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  static Stream<Arguments> chatwootAnswers() {
    return CHATWOOT.stream().map(Arguments::of);
  }

  static Stream<Arguments> vapiAnswers() {
    return VAPI.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "recording the call: {0}")
  @MethodSource("chatwootAnswers")
  void recordingTheCall(String answer) {
    when(harness.chatwoot.findOrCreateContact(any()))
        .thenThrow(refusal(answer))
        .thenReturn(
            new org.handoffengine.workflows.chatwoot.ContactRef(
                JourneyHarness.CONTACT, "Dana Whitfield", true));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    assertNeedsAttention(answer);
    verify(harness.chatwoot, never()).openConversation(any());

    retry();
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(harness.journey().state().conversationId()).isEqualTo(CONVERSATION);
  }

  @ParameterizedTest(name = "reading the conversation before a follow-up: {0}")
  @MethodSource("chatwootAnswers")
  void readingTheConversationBeforeAFollowUp(String answer) {
    when(harness.chatwoot.readConversation(any()))
        .thenThrow(refusal(answer))
        .thenReturn(new ConversationSnapshot(CONVERSATION, "open", null, null));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));

    assertNeedsAttention(answer);
    verify(harness.vapi, never()).placeFollowUpCall(any());

    retry();
    verify(harness.vapi, times(1)).placeFollowUpCall(any());
    assertThat(harness.journey().state().stage())
        .isEqualTo(JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
  }

  @ParameterizedTest(name = "placing a follow-up call: {0}")
  @MethodSource("vapiAnswers")
  void placingAFollowUpCall(String answer) {
    when(harness.vapi.placeFollowUpCall(any()))
        .thenThrow(refusal(answer))
        .thenReturn(new PlacedCall("out-1", false));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));

    assertNeedsAttention(answer);
    assertThat(harness.journey().state().followUp().attemptsMade()).isZero();

    retry();
    JourneyView placed = harness.journey().state();
    assertThat(placed.stage()).isEqualTo(JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
    assertThat(placed.followUp().pendingCallId()).isEqualTo("out-1");
    assertThat(placed.followUp().attemptsMade()).isEqualTo(1);
  }

  @ParameterizedTest(name = "fetching a call whose report was lost: {0}")
  @MethodSource("vapiAnswers")
  void fetchingACallWhoseReportWasLost(String answer) {
    when(harness.vapi.fetchEndedCall("out-1"))
        .thenThrow(refusal(answer))
        .thenReturn(followUpEnded("out-1", "customer-did-not-answer", false));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(27));

    assertNeedsAttention(answer);

    retry();
    JourneyView recovered = harness.journey().state();
    assertThat(recovered.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(recovered.calls()).extracting(JourneyView.CallSummary::callId).contains("out-1");
  }

  @ParameterizedTest(name = "handing over to a human: {0}")
  @MethodSource("chatwootAnswers")
  void handingOverToAHuman(String answer) {
    org.mockito.Mockito.doThrow(refusal(answer)).doNothing().when(harness.chatwoot).handOver(any());
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().escalate(new EscalationRequest("api:1", "api", "VIP"));
    harness.pass(Duration.ofMinutes(1));

    assertNeedsAttention(answer);

    retry();
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.ESCALATED);
    verify(harness.chatwoot, times(2)).handOver(any());
  }

  @ParameterizedTest(name = "posting a note: {0}")
  @MethodSource("chatwootAnswers")
  void postingANote(String answer) {
    AtomicLong ids = new AtomicLong(7000);
    org.mockito.stubbing.Answer<List<Long>> posted =
        call ->
            ((PostMessagesRequest) call.getArgument(0))
                .messages().stream().map(m -> ids.getAndIncrement()).toList();
    // The call's messages go with the conversation's opening; the first post is the note saying a
    // follow-up call was placed.
    org.mockito.Mockito.doThrow(refusal(answer))
        .doAnswer(posted)
        .when(harness.chatwoot)
        .postMessages(any());
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(25));

    assertNeedsAttention(answer);

    retry();
    assertThat(harness.journey().state().stage())
        .isEqualTo(JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
    verify(harness.vapi, times(1)).placeFollowUpCall(any());
  }

  private void assertNeedsAttention(String answer) {
    var description = WorkflowStub.fromTyped(harness.journey()).describe();
    assertThat(description.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.NEEDS_ATTENTION);
    assertThat(state.problem()).isEqualTo(answer);
    assertThat(state.statusLine()).isEqualTo("needs attention: " + answer);
  }

  private void retry() {
    harness.journey().retry();
    harness.pass(Duration.ofMinutes(1));
    assertThat(harness.journey().state().problem()).isNull();
  }

  private static ApplicationFailure refusal(String answer) {
    return ApplicationFailure.newNonRetryableFailure(answer, "PlatformRejected");
  }
}
