package org.handoffengine.workflows.journey;

import org.handoffengine.workflows.journey.JourneyView.EscalationStatus;

/**
 * What {@code escalateNow} can truthfully say.
 *
 * @param escalation the journey's escalation as it stands when the answer is given
 */
public record EscalationAnswer(Outcome outcome, EscalationStatus escalation) {

  public enum Outcome {
    /** The conversation was assigned to a human and the note posted before the answer. */
    ESCALATED,
    /** A human already had it; nothing more was done. */
    ALREADY_ESCALATED,
    /**
     * Recorded, not done yet: the conversation does not exist yet (a first call still going on), a
     * refusal waits for an operator, or the hand-over took longer than the update waits.
     */
    QUEUED
  }
}
