package org.handoffengine.workflows.journey;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.handoffengine.workflows.policy.FollowUpPolicy;

/** Reads a journey back as one line a support lead understands, and as the query's answer. */
final class JourneyStatusLine {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private JourneyStatusLine() {}

  static String describe(JourneyState journey, FollowUpPolicy followUp, Instant nextWakeUp) {
    CallEvent live = journey.liveCall();
    String stage = describeStage(journey, followUp, nextWakeUp);
    if (live == null) {
      return stage;
    }
    return stage
        + "; call "
        + live.callId()
        + ": "
        + ("hang".equals(live.type()) ? "the assistant stalled" : live.status());
  }

  private static String describeStage(
      JourneyState journey, FollowUpPolicy followUp, Instant nextWakeUp) {
    ZoneId zone = followUp.zoneOrDefault(journey.conversation.customerZone);
    return switch (journey.stage()) {
      case RECORDING_CALL -> "recording the call in Chatwoot";
      case WAITING_FOR_REPLY -> {
        if (journey.followUps.callbackAt != null) {
          yield "waiting for reply, callback requested for "
              + LOCAL.format(journey.followUps.callbackAt.atZone(zone))
              + " "
              + zone.getId();
        }
        if (nextWakeUp == null || journey.followUps.attemptsMade >= followUp.maxAttempts()) {
          yield "waiting for reply";
        }
        yield "waiting for reply, follow-up call "
            + (journey.followUps.attemptsMade + 1)
            + " of "
            + followUp.maxAttempts()
            + " at "
            + LOCAL.format(nextWakeUp.atZone(zone))
            + " "
            + zone.getId();
      }
      case FOLLOW_UP_CALL_IN_PROGRESS ->
          "follow-up call "
              + journey.followUps.attemptsMade
              + " of "
              + followUp.maxAttempts()
              + " in progress";
      case CUSTOMER_REPLIED -> "customer replied, waiting for an agent";
      case AGENT_HANDLING -> "an agent is handling the conversation";
      case ESCALATED -> "escalated to a human: " + journey.handover.escalation.reason();
      case FOLLOW_UPS_STOPPED ->
          "follow-up calls stopped: " + journey.followUps.followUpsStoppedBecause;
      case NEEDS_ATTENTION -> "needs attention: " + journey.attention.problem;
      case RESOLVED -> "resolved";
    };
  }

  static JourneyView snapshot(
      JourneyState journey, FollowUpPolicy followUp, Instant nextWakeUp, String statusLine) {
    boolean callPlanned =
        journey.followUps.pendingCallId == null
            && journey.followUpsMayRun()
            && (journey.followUps.attemptsMade < followUp.maxAttempts()
                || journey.followUps.callbackAt != null);
    Instant nextCallAt = callPlanned ? nextWakeUp : null;
    return new JourneyView(
        journey.journeyId,
        journey.customerPhone,
        journey.conversation.customerName,
        journey.stage(),
        statusLine,
        journey.conversation.contactId,
        journey.conversation.conversationId,
        List.copyOf(journey.conversation.calls),
        journey.conversation.lastSummary,
        journey.followUps.status(followUp.maxAttempts(), nextCallAt),
        journey.handover.escalation,
        journey.attention.problem,
        List.copyOf(journey.callEvents),
        journey.startedAt,
        journey.updatedAt);
  }
}
