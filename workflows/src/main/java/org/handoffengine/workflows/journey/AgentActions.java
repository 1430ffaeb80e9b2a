package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneId;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.journey.Inbox.AgentActionKind;
import org.handoffengine.workflows.journey.Inbox.PendingAction;
import org.handoffengine.workflows.policy.FollowUpPolicy;

/**
 * What people ask of the journey from the panel or the API: stop the follow-up calls, call the
 * customer now, hand the journey back to automation, retry a refused write. The update handlers
 * decide at once whether the request makes sense ({@link #ask}, reading state only, so the answer
 * is recorded with the update); the loop carries the accepted ones out ({@link #carryOut}), each
 * with one private note naming who asked.
 */
final class AgentActions {

  private final JourneyState journey;
  private final FollowUpPolicy policy;
  private final FollowUpCaller followUps;
  private final Refusals refusals;
  private final ConversationWriter writer;
  private final boolean botEnabled;

  AgentActions(
      JourneyState journey,
      FollowUpPolicy policy,
      FollowUpCaller followUps,
      Refusals refusals,
      ConversationWriter writer,
      boolean botEnabled) {
    this.journey = journey;
    this.policy = policy;
    this.followUps = followUps;
    this.refusals = refusals;
    this.writer = writer;
    this.botEnabled = botEnabled;
  }

  /** Queues the action when it makes sense now; the answer says why not otherwise. */
  ActionAnswer ask(AgentActionKind kind, AgentAction action) {
    Inbox inbox = journey.inbox;
    if (inbox.actionSeen(kind, action)) {
      return ActionAnswer.accepted("already asked (request " + action.requestId() + ")");
    }
    String refusal =
        switch (kind) {
          case STOP_FOLLOW_UPS -> whyNotStop();
          case CALL_NOW -> whyNotCallNow(action);
          case HAND_BACK -> whyNotHandBack();
          case RETRY -> null;
        };
    if (refusal != null) {
      return ActionAnswer.refused(refusal);
    }
    inbox.actionArrived(kind, action);
    return ActionAnswer.accepted(
        switch (kind) {
          case STOP_FOLLOW_UPS -> "follow-up calls stopped";
          case CALL_NOW -> "calling the customer now";
          case HAND_BACK -> "handed back to automation";
          case RETRY -> "retrying the refused write";
        });
  }

  /**
   * Carries out the accepted actions, oldest first; stops at a refused write, which waits for a
   * retry.
   */
  void carryOut() {
    Inbox inbox = journey.inbox;
    while (inbox.nextAction() != null
        && !journey.attention.blocked
        && journey.conversation.exists()) {
      PendingAction pending = inbox.nextAction();
      boolean done =
          switch (pending.kind()) {
            case STOP_FOLLOW_UPS -> stop(pending.action());
            case CALL_NOW -> callNow(pending.action());
            case HAND_BACK -> handBack(pending.action());
            case RETRY -> note(JourneyMessages.retryRequested(pending.action()));
          };
      if (!done) {
        return;
      }
      inbox.actionDone();
    }
  }

  private String whyNotStop() {
    if (journey.inbox.actionPending(AgentActionKind.STOP_FOLLOW_UPS)) {
      return "the follow-up calls are already being stopped";
    }
    if (!policy.enabled() || !journey.followUpsMayRun()) {
      FollowUpSequence sequence = journey.followUps;
      return "no follow-up calls are planned"
          + (sequence.stopped() ? " (stopped: " + sequence.followUpsStoppedBecause + ")" : "");
    }
    return null;
  }

  private String whyNotCallNow(AgentAction action) {
    FollowUpSequence sequence = journey.followUps;
    if (journey.customerPhone == null) {
      return "the customer has no phone number to call";
    }
    if (policy.assistantId() == null || policy.phoneNumberId() == null) {
      return "follow-up calls are not set up (handoff.vapi.assistant-id and phone-number-id)";
    }
    if (!journey.conversation.exists() || journey.conversation.resolved) {
      return "the journey has no open conversation";
    }
    if (journey.attention.blocked) {
      return "the journey needs attention first: " + journey.attention.problem;
    }
    if (sequence.customerDeclined) {
      return "the customer asked not to be called again";
    }
    if (sequence.awaitingCall()) {
      return "a follow-up call is already under way (Vapi call " + sequence.pendingCallId + ")";
    }
    if (journey.inbox.actionPending(AgentActionKind.CALL_NOW)) {
      return "a call is already being placed";
    }
    Instant now = now();
    ZoneId zone = policy.zoneOrDefault(journey.conversation.customerZone);
    if (!action.outsideCallingHours()
        && !policy.callingWindow().firstOpenAtOrAfter(now, zone).equals(now)) {
      return "outside calling hours ("
          + policy.callingWindow().opens()
          + "-"
          + policy.callingWindow().closes()
          + " "
          + zone.getId()
          + "); ask again with outsideCallingHours to call anyway";
    }
    return null;
  }

  private String whyNotHandBack() {
    if (journey.inbox.actionPending(AgentActionKind.HAND_BACK)) {
      return "the journey is already being handed back";
    }
    FollowUpSequence sequence = journey.followUps;
    boolean humanSide =
        journey.handover.humanOwns()
            || sequence.customerReplied
            || (sequence.stopped() && !sequence.customerDeclined);
    if (!humanSide || journey.conversation.resolved) {
      return "the journey is already automated";
    }
    return null;
  }

  private boolean stop(AgentAction action) {
    journey.followUps.stop("stopped by " + action.agent());
    journey.followUps.callbackAt = null;
    journey.updatedAt = now();
    return note(JourneyMessages.followUpsStoppedBy(action, journey.followUps.attemptsMade));
  }

  private boolean callNow(AgentAction action) {
    if (journey.followUps.awaitingCall()) {
      return true; // a call went out meanwhile (a due follow-up): one call is what was asked for
    }
    return refusals.attempt(() -> followUps.callNow(action)) || journey.followUps.awaitingCall();
  }

  private boolean handBack(AgentAction action) {
    journey.handover.handedBack();
    journey.followUps.restart(now());
    journey.updatedAt = now();
    boolean followUpsResume = policy.enabled() && journey.followUpsMayRun();
    return note(JourneyMessages.handedBack(action, followUpsResume, botEnabled));
  }

  /**
   * False when Chatwoot refused the note: the action stays queued and is carried out after a retry.
   */
  private boolean note(OutgoingMessage message) {
    return refusals.attempt(() -> writer.post(message));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
