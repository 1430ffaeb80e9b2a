package org.handoffengine.workflows.journey;

/** Where a journey stands; also the {@code HandoffStage} search attribute. */
public enum JourneyStage {
  /** A call is being written into Chatwoot (contact, conversation, messages). */
  RECORDING_CALL,
  /** The conversation is open and the customer has not answered yet. */
  WAITING_FOR_REPLY,
  /** A follow-up call has been placed and its outcome is awaited. */
  FOLLOW_UP_CALL_IN_PROGRESS,
  /** The customer answered in Chatwoot; follow-up calls are paused. */
  CUSTOMER_REPLIED,
  /** A human agent has taken the conversation; the engine places no more calls. */
  AGENT_HANDLING,
  /** Handed to a human on request; no more automated calls. */
  ESCALATED,
  /** Every follow-up attempt went unanswered, or the customer declined further calls. */
  FOLLOW_UPS_STOPPED,
  /**
   * Chatwoot refused a write the engine cannot retry on its own; see {@link JourneyView#problem}.
   */
  NEEDS_ATTENTION,
  /** The conversation was resolved; the journey has completed. */
  RESOLVED
}
