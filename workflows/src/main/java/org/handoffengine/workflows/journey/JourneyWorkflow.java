package org.handoffengine.workflows.journey;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;

/**
 * One customer's journey from a Vapi call to a resolved Chatwoot conversation. Its workflow id is
 * {@link JourneyIds#forCustomerKey}: every call and every Chatwoot event of the customer lands
 * here.
 *
 * <p>Temporal does not deduplicate signals; each signal carries an id the journey remembers, so a
 * redelivered webhook changes nothing.
 */
@WorkflowInterface
public interface JourneyWorkflow {

  @WorkflowMethod
  JourneyOutcome run(JourneyInput input);

  /** A Vapi end-of-call report for this customer: a new call, or the outcome of a follow-up. */
  @SignalMethod
  void callEnded(CallReport report);

  /** The contact wrote in the conversation. */
  @SignalMethod
  void customerReplied(ChatwootEvent event);

  /** A human agent wrote in the conversation. */
  @SignalMethod
  void agentReplied(ChatwootEvent event);

  /** The conversation's status changed in Chatwoot (resolved, open, pending, snoozed). */
  @SignalMethod
  void conversationStatusChanged(ChatwootEvent event);

  @SignalMethod
  void escalate(EscalationRequest request);

  /**
   * Escalates and says what happened: {@code ESCALATED} once the hand-over is done (it waits a few
   * seconds for it), {@code ALREADY_ESCALATED}, or {@code QUEUED} when it cannot happen yet.
   */
  @UpdateMethod
  EscalationAnswer escalateNow(EscalationRequest request);

  /**
   * Refuses, before anything is recorded, an escalation the journey cannot carry out: it is
   * resolved.
   */
  @UpdateValidatorMethod(updateName = "escalateNow")
  void validateEscalateNow(EscalationRequest request);

  /** A live call's status changed, or its assistant stalled. */
  @SignalMethod
  void callEvent(CallEvent event);

  /** Moves the next follow-up call to the time the customer asked for. */
  @SignalMethod
  void scheduleCallback(CallbackRequest request);

  /** Retries the Chatwoot writes that were refused, once an operator has fixed the cause. */
  @SignalMethod
  void retry();

  /** An agent stops the follow-up calls; a private note names them. */
  @UpdateMethod
  ActionAnswer stopFollowUps(AgentAction action);

  /**
   * An agent has the customer called now: one follow-up call, inside the calling window unless the
   * action overrides it. Asked again while that call is being placed or is under way, it places
   * nothing more.
   */
  @UpdateMethod
  ActionAnswer callNow(AgentAction action);

  /**
   * The journey goes back to automation: follow-up calls and the first-responder bot resume, as
   * when an agent unassigns the conversation in Chatwoot.
   */
  @UpdateMethod
  ActionAnswer handBack(AgentAction action);

  /** {@link #retry()} at a person's request, with a private note naming them. */
  @SignalMethod
  void retryRequested(AgentAction action);

  @QueryMethod
  JourneyView state();
}
