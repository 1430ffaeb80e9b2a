package org.handoffengine.workflows.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Vapi does not redeliver an end-of-call report it failed to deliver. This long-lived workflow
 * looks, on a timer, for calls that ended recently and hands each one its journey has not seen to
 * that journey, built from the call object itself.
 */
@WorkflowInterface
public interface CallReconcilerWorkflow {

  String WORKFLOW_ID = "handoff-call-reconciler";

  @WorkflowMethod
  void run(ReconcilerInput input);
}
