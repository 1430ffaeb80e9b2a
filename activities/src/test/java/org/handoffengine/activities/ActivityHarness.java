package org.handoffengine.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.web.client.RestClient;

/**
 * Runs one activity the way a journey does, inside Temporal with its retry policy, so tests see
 * real retries (and real attempt numbers) against the sandboxes.
 */
final class ActivityHarness implements AutoCloseable {

  static final String QUEUE = "activity-harness";
  /** The platform clients' timeout here; attempts get 10 s, as journeys give attempts more than one call's timeout. */
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

  // Real time: the activities compare Temporal's timestamps with the sandbox's clock, as they would
  // compare them with Vapi's; a skipped clock would put the two days apart.
  private final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  ActivityHarness(Object... activities) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CallOnce.Impl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  /** Runs {@code call} against an activity stub with fast, unlimited retries; returns its result. */
  <A, R> R run(Class<A> activity, Class<R> resultType, Function<A, Object> call) {
    CallOnce.Impl.next = stubs -> call.apply(stubs.stub(activity));
    WorkflowStub workflow =
        env.getWorkflowClient()
            .newUntypedWorkflowStub("CallOnce", WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
    workflow.start();
    return workflow.getResult(resultType);
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  static <T> T client(Class<T> api, String platform, String baseUrl, String header, String value) {
    return PlatformClients.create(api, RestClient.builder(), platform, baseUrl, header, value, HTTP_TIMEOUT);
  }

  @Override
  public void close() {
    env.close();
  }

  /** A one-step workflow: the step is set by the test (the harness runs one workflow at a time). */
  @WorkflowInterface
  public interface CallOnce {
    @WorkflowMethod
    Object run();

    class Impl implements CallOnce {
      static volatile Function<Stubs, Object> next;

      @Override
      public Object run() {
        return next.apply(new Stubs());
      }
    }
  }

  static final class Stubs {
    <A> A stub(Class<A> activity) {
      return Workflow.newActivityStub(
          activity,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(50))
                      .setMaximumInterval(Duration.ofMillis(200))
                      .setMaximumAttempts(0)
                      .build())
              .build());
    }
  }
}
