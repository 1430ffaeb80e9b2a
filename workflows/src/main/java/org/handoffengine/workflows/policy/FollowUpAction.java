package org.handoffengine.workflows.policy;

/** What a journey does after a follow-up call ends with a given {@link CallOutcome}. */
public enum FollowUpAction {
  /** Try again at the next attempt of the schedule, if any is left. */
  RETRY,
  /** End the follow-up sequence. */
  STOP,
  /** Hand the conversation to a human. */
  ESCALATE
}
