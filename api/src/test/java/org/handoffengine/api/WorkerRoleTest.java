package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyWorkflowImpl;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflowImpl;
import org.handoffengine.workflows.reconcile.ReconcilePassWorkflowImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The worker role as the Temporal starter builds it from application-worker.yaml: the journeys
 * worker with every workflow and activity, each Chatwoot account's contact queue held to its search
 * budget, and the {@code handoff.worker.*} tuning reaching the starter's options.
 */
@SpringBootTest(
    properties = {
      "handoff.worker.max-concurrent-activities=20",
      "handoff.worker.max-concurrent-workflow-tasks=50",
      "handoff.worker.workflow-cache-size=1000",
      "handoff.worker.max-workflow-threads=700",
      "handoff.worker.virtual-threads=true",
      "handoff.chatwoot.contact-searches-per-minute=90",
      "handoff.routes[0].name=sales",
      "handoff.routes[0].phone-number-ids[0]=pn-sales",
      "handoff.routes[0].account-id=2",
      "handoff.routes[0].inbox-id=8",
      "handoff.chatwoot.base-url=http://127.0.0.1:9",
      "handoff.chatwoot.inbox-id=7",
      "handoff.reconciler.enabled=false",
    })
@ActiveProfiles("test")
class WorkerRoleTest {

  @Autowired WorkerFactory factory;
  @Autowired WorkersTemplate workers;
  @Autowired TemporalProperties temporal;

  @Test
  void theJourneysWorkerRunsEveryWorkflowAndActivityWithTheTuningItWasGiven() {
    var registered = workers.getRegisteredInfo().get(JourneyIds.TASK_QUEUE);
    assertThat(registered.getRegisteredWorkflowInfo())
        .extracting(info -> (Object) info.getImplementationClass())
        .containsExactlyInAnyOrder(
            JourneyWorkflowImpl.class,
            CallReconcilerWorkflowImpl.class,
            ReconcilePassWorkflowImpl.class);
    assertThat(registered.getRegisteredActivityInfo())
        .extracting(info -> info.getBeanName())
        .containsExactlyInAnyOrder(
            "chatwootActivities", "vapiActivities", "reconcileActivities", "firstResponder");

    WorkerOptions options = factory.getWorker(JourneyIds.TASK_QUEUE).getWorkerOptions();
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(20);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(50);
    assertThat(options.isUsingVirtualThreadsOnActivityWorker())
        .as("virtual threads only where the Java has them")
        .isEqualTo(Runtime.version().feature() >= 21);
    assertThat(temporal.getWorkflowCache().getMaxInstances()).isEqualTo(1000);
    assertThat(temporal.getWorkflowCache().getMaxThreads()).isEqualTo(700);
  }

  @Test
  void eachAccountsContactQueueIsHeldToItsSearchBudget() {
    for (long account : new long[] {1, 2}) {
      WorkerOptions contacts =
          factory.getWorker(JourneyIds.contactTaskQueue(account)).getWorkerOptions();
      assertThat(contacts.getMaxTaskQueueActivitiesPerSecond()).isEqualTo(1.5);
      assertThat(contacts.getMaxConcurrentActivityExecutionSize()).isEqualTo(20);
    }
  }
}
