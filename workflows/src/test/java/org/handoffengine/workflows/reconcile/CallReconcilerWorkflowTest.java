package org.handoffengine.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallReconcilerWorkflowTest {

  private static final String QUEUE = "reconciler-test";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final ReconcileActivities activities =
      mock(ReconcileActivities.class, withSettings().withoutAnnotations());

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aPassVapiRefusesIsSkippedAndTheNextPassDeliversTheCall() throws java.io.IOException {
    CallReport lost =
        new CallReport(
            "lost-1",
            "inbound",
            "+14155550123",
            null,
            "customer-ended-call",
            "s",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    when(activities.endedCalls(any(), any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Vapi answered 401: {\"message\":\"Invalid Key\"}", "PlatformRejected"))
        .thenReturn(List.of(lost));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CallReconcilerWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    CallReconcilerWorkflow reconciler =
        env.getWorkflowClient()
            .newWorkflowStub(
                CallReconcilerWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("reconciler")
                    .setTaskQueue(QUEUE)
                    .build());
    WorkflowClient.start(reconciler::run, input());

    env.sleep(Duration.ofMinutes(1).plusSeconds(5));
    var details =
        env.getWorkflowClient()
            .newUntypedWorkflowStub("reconciler")
            .query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class);
    assertThat(details.getCurrentDetails()).contains("needs attention", "Vapi answered 401");
    env.sleep(Duration.ofMinutes(1));

    verify(activities, times(1)).recordIfMissing(lost);
    assertThat(WorkflowStub.fromTyped(reconciler).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    if (Boolean.getBoolean(
        "handoff.recordReconciler")) { // for the replay corpus, see JourneyReplayTest
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources/histories/v4-reconciler-refused-pass.json"),
          env.getWorkflowClient().fetchHistory("reconciler").toJson(true));
    }
  }

  static ReconcilerInput input() {
    return new ReconcilerInput(
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        5,
        new PlatformRetry(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)));
  }
}
