package org.handoffengine.workflows.journey;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.policy.CallOutcome;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;

/**
 * The decisions around a follow-up call, apart from the calls themselves: pure, tested without
 * Temporal.
 */
final class FollowUpCalls {

  /** What the conversation itself says against calling now, when its webhook was lost. */
  enum Obstacle {
    RESOLVED,
    CUSTOMER_WROTE,
    AGENT_WROTE
  }

  /**
   * What the journey does after a follow-up call ends, when it does more than wait for the next
   * attempt.
   *
   * @param declined the customer declined: never called again by the sequence
   * @param stopBecause why the sequence stops, or null when it escalates instead
   * @param escalation the hand-over the call's outcome asks for, or null
   */
  record Outcome(boolean declined, String stopBecause, EscalationRequest escalation) {}

  /**
   * Vapi's ended reason for a call it created while every concurrent-call slot of the account was
   * busy (the 201 said {@code subscriptionLimits.concurrencyBlocked}): nobody was rung.
   */
  static final String CONCURRENCY_BLOCKED =
      "call.start.error-subscription-concurrency-limit-reached";

  private FollowUpCalls() {}

  /** True when the call rang nobody for want of a free call slot at Vapi, not for the customer. */
  static boolean notDialled(CallReport report) {
    return CONCURRENCY_BLOCKED.equals(report.endedReason());
  }

  static Optional<Obstacle> obstacle(ConversationSnapshot now, Instant quietSince) {
    if ("resolved".equals(now.status())) {
      return Optional.of(Obstacle.RESOLVED);
    }
    if (isAfter(now.lastCustomerMessageAt(), quietSince)) {
      return Optional.of(Obstacle.CUSTOMER_WROTE);
    }
    if (isAfter(now.lastAgentMessageAt(), quietSince)) {
      return Optional.of(Obstacle.AGENT_WROTE);
    }
    return Optional.empty();
  }

  /** Empty when the schedule simply says when the next attempt is due. */
  static Optional<Outcome> afterCall(CallReport report, int attemptsMade, FollowUpPolicy policy) {
    CallOutcome outcome = CallOutcome.of(report.endedReason(), report.doNotCall());
    if (outcome == CallOutcome.DECLINED) {
      return Optional.of(new Outcome(true, "the customer declined the follow-up call", null));
    }
    String ended = outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return switch (policy.actionAfter(outcome)) {
      case RETRY -> Optional.empty();
      case STOP ->
          Optional.of(
              new Outcome(false, "follow-up call " + attemptsMade + " ended: " + ended, null));
      case ESCALATE ->
          Optional.of(
              new Outcome(
                  false,
                  null,
                  new EscalationRequest(
                      "follow-up:" + report.callId(), "engine", "follow-up call ended: " + ended)));
    };
  }

  static FollowUpCallRequest request(JourneyState journey, FollowUpPolicy policy, int attempt) {
    Conversation conversation = journey.conversation;
    Map<String, String> variables =
        Map.of(
            "customerName",
            conversation.customerName == null ? "" : conversation.customerName,
            "summary",
            conversation.lastSummary == null ? "" : conversation.lastSummary,
            "chatwootConversationId",
            String.valueOf(conversation.conversationId),
            "journeyId",
            journey.journeyId);
    return new FollowUpCallRequest(
        journey.journeyId,
        attempt,
        policy.assistantId(),
        policy.phoneNumberId(),
        journey.customerPhone,
        conversation.customerName,
        variables);
  }

  private static boolean isAfter(Instant candidate, Instant reference) {
    return candidate != null && (reference == null || candidate.isAfter(reference));
  }
}
