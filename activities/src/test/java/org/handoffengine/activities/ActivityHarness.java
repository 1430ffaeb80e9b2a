package org.handoffengine.activities;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.handoffengine.workflows.journey.JourneyPlatforms;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.springframework.web.client.RestClient;

/**
 * Runs one activity the way a journey does, inside Temporal with its retry policy, so tests see
 * real retries (and real attempt numbers) against the sandboxes.
 */
final class ActivityHarness implements AutoCloseable {

  static final String QUEUE = "activity-harness";

  /**
   * The platform clients' timeout here; attempts get 10 s, as journeys give attempts more than one
   * call's timeout.
   */
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

  // Real time: the activities compare Temporal's timestamps with the sandbox's clock, as they would
  // compare them with Vapi's; a skipped clock would put the two days apart.
  private final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  /**
   * The production retry policy with test-sized intervals, as {@code handoff.retry.*} would set
   * them: 50 ms doubling to 200 ms, unlimited attempts of 10 s each.
   */
  static final PlatformRetry RETRY =
      new PlatformRetry(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10));

  /** The step each run's workflow takes, by workflow id: no state shared between harnesses. */
  private final Map<String, Function<Stubs, Object>> steps = new ConcurrentHashMap<>();

  ActivityHarness(Object... activities) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationFactory(CallOnce.class, () -> new CallOnce.Impl(steps));
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  /**
   * Runs {@code call} against an activity stub with the options journeys give Chatwoot and Vapi
   * calls ({@link JourneyPlatforms#platformCalls}, retry {@link #RETRY}); returns its result.
   */
  <A, R> R run(Class<A> activity, Class<R> resultType, Function<A, Object> call) {
    String workflowId = "call-once-" + UUID.randomUUID();
    steps.put(workflowId, stubs -> call.apply(stubs.stub(activity)));
    try {
      WorkflowStub workflow =
          env.getWorkflowClient()
              .newUntypedWorkflowStub(
                  "CallOnce",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(QUEUE)
                      .setWorkflowId(workflowId)
                      .build());
      workflow.start();
      return workflow.getResult(resultType);
    } finally {
      steps.remove(workflowId);
    }
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  static <T> T client(Class<T> api, String platform, String baseUrl, String header, String value) {
    return PlatformClients.create(
        api, RestClient.builder(), platform, baseUrl, header, value, HTTP_TIMEOUT);
  }

  @Override
  public void close() {
    env.close();
  }

  /** A one-step workflow: its step is the one the harness registered under its workflow id. */
  @WorkflowInterface
  public interface CallOnce {
    @WorkflowMethod
    Object run();

    final class Impl implements CallOnce {
      private final Map<String, Function<Stubs, Object>> steps;

      Impl(Map<String, Function<Stubs, Object>> steps) {
        this.steps = steps;
      }

      @Override
      public Object run() {
        return steps.get(Workflow.getInfo().getWorkflowId()).apply(new Stubs());
      }
    }
  }

  static final class Stubs {
    <A> A stub(Class<A> activity) {
      return Workflow.newActivityStub(activity, JourneyPlatforms.platformCalls(RETRY));
    }
  }
}
