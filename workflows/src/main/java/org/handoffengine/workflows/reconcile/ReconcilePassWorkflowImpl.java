package org.handoffengine.workflows.reconcile;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.handoffengine.workflows.journey.CallReport;

/** Lists the route's calls that ended in the window, hands each one its journey lacks to that journey. */
public class ReconcilePassWorkflowImpl implements ReconcilePassWorkflow {

  @Override
  public void pass(ReconcilePassInput input) {
    ReconcileActivities reconcile =
        Workflow.newActivityStub(
            ReconcileActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(input.retry().attemptTimeout().multipliedBy(4))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(input.retry().initialInterval())
                        .setMaximumInterval(input.retry().maximumInterval())
                        .build())
                .build());
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    for (CallReport call : reconcile.endedCallsOfRoute(input.route(), now.minus(input.lookback()), now.minus(input.grace()))) {
      reconcile.recordIfMissing(call);
    }
  }
}
