package org.handoffengine.workflows.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pass of the reconciler over one route's recently ended calls, started by that route's
 * Temporal Schedule on a real server. The schedule owns the interval, skips a pass while the last
 * one still runs, and can be paused; {@link CallReconcilerWorkflow} is the timer loop kept for the
 * embedded server, which has no Schedules.
 */
@WorkflowInterface
public interface ReconcilePassWorkflow {

  /** Schedule ids: this prefix for the default route, {@code <prefix>-<route>} for a named one. */
  String SCHEDULE_PREFIX = "handoff-reconcile-calls";

  @WorkflowMethod
  void pass(ReconcilePassInput input);
}
