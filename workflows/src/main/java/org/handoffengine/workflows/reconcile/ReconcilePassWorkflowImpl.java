package org.handoffengine.workflows.reconcile;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.handoffengine.workflows.journey.CallReport;

/**
 * Lists the route's calls that ended in the window, hands each one its journey lacks to that
 * journey.
 */
public class ReconcilePassWorkflowImpl implements ReconcilePassWorkflow {

  @Override
  public void pass(ReconcilePassInput input) {
    ReconcileActivities reconcile = ReconcileSteps.stub(input.retry());
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    for (CallReport call :
        reconcile.endedCallsOfRoute(
            input.route(), now.minus(input.lookback()), now.minus(input.grace()))) {
      reconcile.recordIfMissing(call);
    }
  }
}
