package org.handoffengine.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ReconcilePassWorkflowTest {

  private static final String QUEUE = "reconcile-pass-test";
  private static final String PASS_ID = "handoff-reconcile-calls-billing-pass";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final ReconcileActivities activities =
      mock(ReconcileActivities.class, withSettings().withoutAnnotations());

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aPassHandsEachCallOfItsRouteInTheWindowToItsJourney() throws IOException {
    CallReport lost = call("lost-1");
    CallReport delivered = call("delivered-1");
    when(activities.endedCallsOfRoute(eq("billing"), any(), any()))
        .thenReturn(List.of(lost, delivered));
    when(activities.recordIfMissing(lost)).thenReturn(true);
    when(activities.recordIfMissing(delivered)).thenReturn(false);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ReconcilePassWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    ReconcilePassWorkflow pass =
        env.getWorkflowClient()
            .newWorkflowStub(
                ReconcilePassWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(PASS_ID).setTaskQueue(QUEUE).build());
    pass.pass(input());

    ArgumentCaptor<Instant> from = ArgumentCaptor.forClass(Instant.class);
    ArgumentCaptor<Instant> to = ArgumentCaptor.forClass(Instant.class);
    verify(activities).endedCallsOfRoute(eq("billing"), from.capture(), to.capture());
    assertThat(Duration.between(from.getValue(), to.getValue())).isEqualTo(Duration.ofMinutes(55));
    verify(activities).recordIfMissing(lost);
    verify(activities).recordIfMissing(delivered);
    if (Boolean.getBoolean("handoff.recordReconcilePass")) { // replay corpus: JourneyReplayTest
      String version = System.getProperty("handoff.historyVersion", "v7");
      Files.writeString(
          Path.of("src/test/resources/histories", version + "-reconcile-pass-of-a-route.json"),
          env.getWorkflowClient().fetchHistory(PASS_ID).toJson(true));
    }
    assertThat(WorkflowStub.fromTyped(pass).describe().getStatus())
        .isEqualTo(
            io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void aListThatCannotBeReadToItsEndFailsThePassOnceForTheNextPassToRetry() {
    when(activities.endedCallsOfRoute(eq("billing"), any(), any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "could not list Vapi's calls", "VapiCallListIncomplete"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ReconcilePassWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    ReconcilePassWorkflow pass =
        env.getWorkflowClient()
            .newWorkflowStub(
                ReconcilePassWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(PASS_ID).setTaskQueue(QUEUE).build());

    // Failed, not retried for ever: a pass still running would make its schedule skip the next.
    assertThatThrownBy(() -> pass.pass(input()))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("could not list Vapi's calls");
    verify(activities, times(1)).endedCallsOfRoute(eq("billing"), any(), any());
    verify(activities, never()).recordIfMissing(any());
  }

  private static CallReport call(String id) {
    return new CallReport(
        id,
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
  }

  static ReconcilePassInput input() {
    return new ReconcilePassInput(
        "billing",
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        new PlatformRetry(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)));
  }
}
