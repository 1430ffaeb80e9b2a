package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.handoffengine.workflows.journey.EscalationAnswer.Outcome;
import org.handoffengine.workflows.journey.JourneyView.EscalationStatus;

/**
 * The hand-over to a human, as workflow code: the loop's step that assigns the conversation and
 * leaves the note, and the {@code escalateNow} update's validator and honest answer. Whether a
 * human owns the conversation is {@link Handover}'s; every platform call runs through the journey's
 * {@link Refusals}.
 */
final class Escalations {

  /** How long {@code escalateNow} waits for the hand-over before it answers {@code QUEUED}. */
  static final Duration HAND_OVER_WAIT = Duration.ofSeconds(10);

  private final JourneyState journey;
  private final ConversationWriter writer;
  private final Refusals refusals;
  private final JourneyMeter meter;
  private final FollowUpCaller followUps;

  Escalations(
      JourneyState journey,
      ConversationWriter writer,
      Refusals refusals,
      JourneyMeter meter,
      FollowUpCaller followUps) {
    this.journey = journey;
    this.writer = writer;
    this.refusals = refusals;
    this.meter = meter;
    this.followUps = followUps;
  }

  /** Hands the conversation over when someone asked and it can be done now. */
  void handOverWhenAsked() {
    Inbox inbox = journey.inbox;
    if (!inbox.escalationPending() || !journey.conversation.exists() || journey.attention.blocked) {
      return; // an escalation before the conversation exists waits for it
    }
    EscalationRequest request = inbox.takeEscalation();
    if (journey.handover.escalated() || journey.conversation.resolved) {
      return; // escalating twice adds nothing, not even a second note
    }
    if (!refusals.attempt(() -> writer.handOver(request))) {
      inbox.escalationDecided(request); // asked again once the refusal is fixed
      return;
    }
    journey.handover.escalated(request, now());
    meter.escalated(request.source());
    followUps.stop("escalated to a human");
  }

  /**
   * The update's validator: refuses what the journey cannot do now, before anything is recorded.
   */
  void validate(EscalationRequest request) {
    if (request == null || request.eventId() == null || request.eventId().isBlank()) {
      throw new IllegalArgumentException("an escalation needs an event id");
    }
    if (journey.conversation.resolved) {
      throw new IllegalStateException("the conversation is resolved; nothing is left to hand over");
    }
  }

  /** Queues the request and answers what happened: escalated, already escalated, or queued. */
  EscalationAnswer ask(EscalationRequest request) {
    boolean before = journey.handover.escalated();
    journey.inbox.escalationArrived(request);
    // Versioned: earlier workers answered at once, with no timer, whatever would happen.
    if (Workflow.getVersion("honest-escalation", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return new EscalationAnswer(
          Outcome.ESCALATED, new EscalationStatus(true, request.source(), request.reason(), now()));
    }
    if (before) {
      return new EscalationAnswer(Outcome.ALREADY_ESCALATED, journey.handover.escalation);
    }
    if (journey.conversation.exists() && !journey.attention.blocked) {
      Workflow.await(
          HAND_OVER_WAIT, () -> journey.handover.escalated() || journey.attention.blocked);
    }
    return new EscalationAnswer(
        journey.handover.escalated() ? Outcome.ESCALATED : Outcome.QUEUED,
        journey.handover.escalation);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
