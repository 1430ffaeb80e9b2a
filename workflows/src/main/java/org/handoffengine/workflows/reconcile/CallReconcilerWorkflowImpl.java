package org.handoffengine.workflows.reconcile;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.handoffengine.workflows.journey.CallReport;

/** A pass every interval: list recently ended calls, deliver the ones whose report was lost. */
public class CallReconcilerWorkflowImpl implements CallReconcilerWorkflow {

  @Override
  public void run(ReconcilerInput input) {
    ReconcileActivities reconcile = ReconcileSteps.stub(input.retry());
    for (int pass = 0; pass < input.passesBeforeContinuing(); pass++) {
      Workflow.sleep(input.interval());
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      try {
        for (CallReport call :
            reconcile.endedCalls(now.minus(input.lookback()), now.minus(input.grace()))) {
          reconcile.recordIfMissing(call);
        }
        Workflow.setCurrentDetails("last pass " + now);
      } catch (ActivityFailure refused) {
        // A refusal (Vapi 401 on GET /call) must not end the reconciler: the next pass looks again,
        // and the Temporal UI shows Vapi's answer until then. The lookback covers the skipped pass.
        Workflow.setCurrentDetails(
            "needs attention: pass at " + now + " refused: " + answerOf(refused));
      }
    }
    Workflow.continueAsNew(input); // keeps the history of a process that runs for months small
  }

  private static String answerOf(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure refused
        ? refused.getOriginalMessage()
        : String.valueOf(failure.getCause());
  }
}
