package org.handoffengine.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * The ceiling for journeys per second: started by signal-with-start like a journey, it runs as many
 * sequential no-op activities as a journey makes Chatwoot calls, so the server does a journey's
 * scheduling work without the journey's platform latency or logic.
 */
@WorkflowInterface
public interface NoopActivitiesWorkflow {

  @WorkflowMethod
  void run(int activities);

  @SignalMethod
  void report(String callId);

  @ActivityInterface
  interface Step {
    /**
     * Does nothing; the last step of a run says the run is done, as a journey's transcript does.
     */
    void step(String workflowId, int index, int of);
  }

  final class Impl implements NoopActivitiesWorkflow {
    private final Step steps =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public void run(int activities) {
      String id = Workflow.getInfo().getWorkflowId();
      for (int i = 0; i < activities; i++) {
        steps.step(id, i, activities);
      }
    }

    @Override
    public void report(String callId) {}
  }

  /** The activity, in the bench process: tells {@code done} when a run's last step is reached. */
  final class Steps implements Step {
    private final IntConsumer done;

    Steps(IntConsumer done) {
      this.done = done;
    }

    @Override
    public void step(String workflowId, int index, int of) {
      if (index == of - 1) {
        done.accept(index);
      }
    }
  }
}
