package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.policy.CallingWindow;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.junit.jupiter.api.Test;

/** The journey's state parts and their transitions, without Temporal. */
class JourneyPartsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final FollowUpPolicy POLICY =
      new FollowUpPolicy(
          true,
          Duration.ofHours(24),
          List.of(Duration.ofHours(24), Duration.ofHours(48)),
          new CallingWindow(LocalTime.of(9, 0), LocalTime.of(18, 0)),
          "America/New_York",
          Duration.ofHours(2),
          null,
          "a",
          "p");

  @Test
  void theInboxTakesEachDeliveryOnceAndKeepsItsFlagsUntilTaken() {
    Inbox inbox = new Inbox();
    ChatwootEvent reply = new ChatwootEvent("d-1", 1L, 10L, "hi", null, T0);

    inbox.eventArrived(Inbox.EventKind.CUSTOMER_REPLIED, reply);
    inbox.eventArrived(Inbox.EventKind.CUSTOMER_REPLIED, reply);
    assertThat(inbox.reportArrived(JourneyHarness.inboundCall("c-1"))).isTrue();
    assertThat(inbox.reportArrived(JourneyHarness.inboundCall("c-1"))).isFalse();
    assertThat(inbox.escalationArrived(new EscalationRequest("e-1", "api", "x"))).isTrue();
    assertThat(inbox.escalationArrived(new EscalationRequest("e-1", "api", "x"))).isFalse();
    inbox.retryRequested = true;

    assertThat(inbox.pendingEvents).hasSize(1);
    assertThat(inbox.pendingReports).hasSize(1);
    assertThat(inbox.takeEscalation().eventId()).isEqualTo("e-1");
    assertThat(inbox.escalationPending()).isFalse();
    assertThat(inbox.takeRetry()).isTrue();
    assertThat(inbox.takeRetry()).isFalse();
    assertThat(inbox.firstNews("call-event:x")).isTrue();
    assertThat(inbox.takeCallNews()).isTrue();
    assertThat(inbox.firstNews("call-event:x")).isFalse();
    assertThat(inbox.takeCallNews()).isFalse();
  }

  @Test
  void whatHandlersHandTheJourneyIsTakenOnceAndANewCallAsksForARetry() {
    JourneyState journey =
        JourneyState.begin("journey-489b16a63bbb655a8c4225398c2f7be0", "+14155550123", T0);
    journey.attention.refused("Chatwoot answered 422");

    journey.reportArrived(JourneyHarness.inboundCall("c-1"));
    journey.callEventArrived(new CallEvent("c-2", "status-update", "ringing", null, T0));
    journey.callEventArrived(new CallEvent("c-2", "status-update", "ringing", null, T0));
    journey.callbackArrived(new CallbackRequest("cb-1", T0.plus(Duration.ofHours(3))));
    journey.callbackArrived(new CallbackRequest("cb-1", T0.plus(Duration.ofHours(9))));
    journey.inbox.rememberPosted(List.of(77L));
    journey.inbox.agentReplyArrived(new ChatwootEvent("d-2", 10L, 77L, "our own note", null, T0));
    journey.inbox.agentReplyArrived(new ChatwootEvent("d-3", 10L, 78L, "an agent", null, T0));

    assertThat(journey.inbox.takeRetry()).as("a new call retries the refused step").isTrue();
    assertThat(journey.inbox.pendingReports).hasSize(1);
    assertThat(journey.callEvents).hasSize(1);
    assertThat(journey.followUps.callbackAt).isEqualTo(T0.plus(Duration.ofHours(3)));
    assertThat(journey.inbox.pendingEvents)
        .extracting(e -> e.event().messageId())
        .containsExactly(78L);
  }

  @Test
  void theSeenSetsAreBounded() {
    Inbox inbox = new Inbox();
    for (int i = 0; i < Inbox.MAX_SEEN_EVENTS + 10; i++) {
      inbox.firstSighting(List.of("k-" + i));
    }
    assertThat(inbox.seenEvents).hasSize(Inbox.MAX_SEEN_EVENTS).doesNotContain("k-0");
  }

  @Test
  void aFollowUpSequenceCallsInsideTheWindowStopsOnceAndStaysDeclined() {
    FollowUpSequence sequence = new FollowUpSequence();
    sequence.restart(T0);
    assertThat(sequence.dueAt(POLICY, NEW_YORK)).isEqualTo(T0.plus(Duration.ofHours(24)));

    sequence.placed("out-1", T0.plus(Duration.ofHours(24)), POLICY.reportTimeout());
    assertThat(sequence.awaitingCall()).isTrue();
    assertThat(sequence.reportOverdue(T0.plus(Duration.ofHours(25)))).isFalse();
    assertThat(sequence.reportOverdue(T0.plus(Duration.ofHours(26)))).isTrue();
    sequence.callEnded();
    assertThat(sequence.attemptsMade).isEqualTo(1);
    assertThat(sequence.exhausted(POLICY)).isFalse();

    assertThat(sequence.stop("the customer replied")).isTrue();
    assertThat(sequence.stop("an agent replied")).isFalse();
    assertThat(sequence.followUpsStoppedBecause).isEqualTo("the customer replied");

    sequence.declined("declined");
    sequence.restart(T0.plus(Duration.ofDays(3)));
    sequence.callbackRequested(T0.plus(Duration.ofDays(4)));
    assertThat(sequence.stopped()).isTrue();
  }

  @Test
  void aCallbackIgnoresTheCallingWindowAndIsUsedOnce() {
    FollowUpSequence sequence = new FollowUpSequence();
    sequence.restart(T0);
    Instant lateEvening = Instant.parse("2026-11-24T03:30:00Z"); // 22:30 in New York
    sequence.callbackRequested(lateEvening);

    assertThat(sequence.dueAt(POLICY, NEW_YORK)).isEqualTo(lateEvening);
    sequence.placed("out-1", lateEvening, POLICY.reportTimeout());
    assertThat(sequence.callbackAt).isNull();
  }

  @Test
  void theStageIsDerivedInPriorityOrder() {
    JourneyState journey = JourneyState.begin("journey-+14155550123", "+14155550123", T0);
    assertThat(journey.stage()).isEqualTo(JourneyStage.RECORDING_CALL);
    journey.conversation.opened(7);
    assertThat(journey.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    journey.followUps.placed("out-1", T0, Duration.ofHours(1));
    assertThat(journey.stage()).isEqualTo(JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
    journey.followUps.customerReplied(T0);
    assertThat(journey.stage()).isEqualTo(JourneyStage.CUSTOMER_REPLIED);
    journey.handover.agentReplied();
    assertThat(journey.stage()).isEqualTo(JourneyStage.AGENT_HANDLING);
    journey.handover.escalated(new EscalationRequest("e", "api", "why"), T0);
    assertThat(journey.stage()).isEqualTo(JourneyStage.ESCALATED);
    journey.attention.refused("Chatwoot answered 401");
    assertThat(journey.stage()).isEqualTo(JourneyStage.NEEDS_ATTENTION);
    journey.conversation.resolved = true;
    assertThat(journey.stage()).isEqualTo(JourneyStage.RESOLVED);
  }

  @Test
  void aBlockedJourneyHasNoNewsButARetryOrAnEvent() {
    JourneyState journey = JourneyState.begin("journey-+14155550123", "+14155550123", T0);
    journey.attention.refused("Vapi answered 400");
    journey.inbox.reportArrived(JourneyHarness.inboundCall("c-1"));
    assertThat(journey.hasNews()).isFalse();
    journey.inbox.retryRequested = true;
    assertThat(journey.hasNews()).isTrue();
  }

  @Test
  void whatAFollowUpCallEndingAsks() {
    assertThat(
            FollowUpCalls.afterCall(
                JourneyHarness.followUpEnded("o", "customer-did-not-answer", false), 1, POLICY))
        .isEmpty();
    assertThat(
            FollowUpCalls.afterCall(
                JourneyHarness.followUpEnded("o", "customer-ended-call", false), 1, POLICY))
        .hasValueSatisfying(
            o -> assertThat(o.stopBecause()).isEqualTo("follow-up call 1 ended: answered"));
    assertThat(
            FollowUpCalls.afterCall(
                JourneyHarness.followUpEnded("o", "vonage-rejected", false), 1, POLICY))
        .hasValueSatisfying(o -> assertThat(o.declined()).isTrue());
    ConversationSnapshot wrote = new ConversationSnapshot(7, "open", T0.plusSeconds(1), null);
    assertThat(FollowUpCalls.obstacle(wrote, T0)).hasValue(FollowUpCalls.Obstacle.CUSTOMER_WROTE);
    assertThat(FollowUpCalls.obstacle(wrote, T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void theMemoryCarriesAcrossContinueAsNewInTheFlatShapeEarlierRunsWrote() {
    JourneyState journey = JourneyState.begin("journey-+14155550123", "+14155550123", T0);
    journey.conversation.opened(7);
    journey.inbox.retryRequested = true;
    journey.followUps.restart(T0);
    var converter = DefaultDataConverter.STANDARD_INSTANCE;

    var payload = converter.toPayload(journey).orElseThrow();
    String json = payload.getData().toStringUtf8();
    JourneyState back = converter.fromPayload(payload, JourneyState.class, JourneyState.class);

    assertThat(json)
        .contains("\"conversationId\":7", "\"quietSince\"", "\"retryRequested\":true")
        .doesNotContain("\"inbox\"");
    assertThat(back.conversation.conversationId).isEqualTo(7L);
    assertThat(back.inbox.retryRequested).isTrue();
    assertThat(back.followUps.quietSince).isEqualTo(T0);
  }
}
