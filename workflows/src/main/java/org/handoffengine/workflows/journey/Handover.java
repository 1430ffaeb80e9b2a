package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import org.handoffengine.workflows.journey.JourneyView.EscalationStatus;

/**
 * Who answers the customer: the first-responder bot, an agent who replied, or a human it was
 * escalated to.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
final class Handover {

  EscalationStatus escalation = EscalationStatus.NONE;
  boolean agentHandling;
  int botReplies;

  /**
   * How often the journey was handed back to automation: each later escalation writes a note of its
   * own.
   */
  int handBacks;

  boolean escalated() {
    return escalation.escalated();
  }

  /** A human owns the conversation, by escalation or because an agent wrote in it. */
  boolean humanOwns() {
    return agentHandling || escalated();
  }

  void escalated(EscalationRequest request, Instant at) {
    escalation = new EscalationStatus(true, request.source(), request.reason(), at);
  }

  void agentReplied() {
    agentHandling = true;
  }

  /** Back to automation: nobody owns the conversation, the bot may answer again. */
  void handedBack() {
    escalation = EscalationStatus.NONE;
    agentHandling = false;
    botReplies = 0;
    handBacks++;
  }

  int botReplied() {
    return ++botReplies;
  }
}
