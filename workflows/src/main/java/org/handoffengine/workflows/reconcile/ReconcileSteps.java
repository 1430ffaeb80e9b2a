package org.handoffengine.workflows.reconcile;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.handoffengine.workflows.policy.PlatformRetry;

/**
 * The reconciler's activities as both its forms run them: the scheduled pass and the timer loop.
 */
final class ReconcileSteps {

  private ReconcileSteps() {}

  /**
   * A pass lists a page of calls and delivers each: four attempt timeouts, retried like any
   * platform call.
   */
  static ReconcileActivities stub(PlatformRetry retry) {
    return Workflow.newActivityStub(
        ReconcileActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(retry.attemptTimeout().multipliedBy(4))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(retry.initialInterval())
                    .setMaximumInterval(retry.maximumInterval())
                    .build())
            .build());
  }
}
