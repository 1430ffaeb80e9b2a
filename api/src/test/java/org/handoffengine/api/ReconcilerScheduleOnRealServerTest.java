package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.worker.ReconcilerProperties;
import org.handoffengine.worker.ReconcilerSchedules;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reconciler as Temporal Schedules on the real server: one per route, made at worker start-up
 * with overlap policy skip; a call whose report Vapi never delivered is recovered by a scheduled
 * pass, once, however often the passes run; start-up leaves a paused schedule paused. The passes
 * are triggered rather than waited for (the interval is an hour).
 */
@RealTemporal
class ReconcilerScheduleOnRealServerTest extends EngineTest {

  private static final String SALES_NUMBER_ID = "0b7e2c1a-5d3f-4e8b-9a6c-2f1e0d9c8b7a";
  private static final String DEFAULT_SCHEDULE = ReconcilerSchedules.scheduleId(null);
  private static final String SALES_SCHEDULE = ReconcilerSchedules.scheduleId("sales");
  // The server's own workflow behind each schedule (temporal workflow show -w <prefix><id>).
  private static final String SCHEDULER_WORKFLOW_PREFIX = "temporal-sys-scheduler:";

  @Autowired ScheduleClient schedules;
  @Autowired ReconcilerProperties reconciler;

  @DynamicPropertySource
  static void reconcilerOnSchedules(DynamicPropertyRegistry registry) {
    registry.add("handoff.reconciler.enabled", () -> "true");
    registry.add("handoff.reconciler.interval", () -> "PT1H");
    registry.add("handoff.reconciler.lookback", () -> "PT10M");
    registry.add("handoff.reconciler.grace", () -> "PT0S");
    // Only the sales route takes calls: other tests' ended calls in the shared Vapi sandbox stay
    // out of this namespace.
    registry.add("handoff.unmapped-calls", () -> "refuse");
    registry.add("handoff.routes[0].name", () -> "sales");
    registry.add("handoff.routes[0].phone-number-ids[0]", () -> SALES_NUMBER_ID);
    registry.add("handoff.routes[0].account-id", () -> "1");
    registry.add("handoff.routes[0].inbox-id", CHATWOOT::apiInboxId);
  }

  @Test
  void eachRouteHasAScheduleThatSkipsOverlapsAndNoTimerLoopRuns() {
    for (String id : List.of(DEFAULT_SCHEDULE, SALES_SCHEDULE)) {
      ScheduleDescription schedule = schedules.getHandle(id).describe();
      assertThat(schedule.getSchedule().getPolicy().getOverlap())
          .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
      assertThat(schedule.getSchedule().getSpec().getIntervals())
          .extracting(ScheduleIntervalSpec::getEvery)
          .containsExactly(Duration.ofHours(1));
    }
    assertThatThrownBy(
            () -> temporal.newUntypedWorkflowStub(CallReconcilerWorkflow.WORKFLOW_ID).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aReportVapiNeverDeliveredIsRecoveredByAScheduledPassExactlyOnce() {
    String phone = "+14155550645";
    String journeyId = journeyOf("sales", phone);
    ObjectNode call =
        VAPI.addEndedInboundCall(
            phone,
            "Robin Missed",
            "customer-ended-call",
            "Robin asked to move the delivery of order 55012.",
            "AI: Hello.\nUser: Can you move my delivery?",
            Instant.now().minusSeconds(60));
    call.put("phoneNumberId", SALES_NUMBER_ID);

    ScheduleHandle sales = schedules.getHandle(SALES_SCHEDULE);
    ScheduleHandle defaultRoute = schedules.getHandle(DEFAULT_SCHEDULE);
    long salesPasses = passes(sales);
    long defaultPasses = passes(defaultRoute);
    defaultRoute.trigger();
    sales.trigger();

    // The pass hands the call to its journey, starting it, before it ends.
    awaitPassesDone(sales, salesPasses + 1);
    JourneyView recovered =
        awaitJourney(journeyId, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    assertThat(recovered.calls())
        .extracting(c -> c.callId())
        .containsExactly(call.path("id").asString());
    assertThat(recovered.lastSummary())
        .isEqualTo("Robin asked to move the delivery of order 55012.");

    awaitPassesDone(defaultRoute, defaultPasses + 1);
    sales.trigger(); // a later pass sees the same call again
    awaitPassesDone(sales, salesPasses + 2);

    JourneyView after = awaitJourney(journeyId, s -> true);
    assertThat(after.calls()).hasSize(1);
    assertThat(CHATWOOT.contactsWithPhone(phone)).hasSize(1);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(CHATWOOT.messages(recovered.conversationId())).hasSize(3);
  }

  @Test
  void startUpUpdatesSchedulesButLeavesAPausedOnePaused() {
    ScheduleHandle sales = schedules.getHandle(SALES_SCHEDULE);
    sales.pause("an operator is looking at the sales team's Vapi account");
    try {
      var retry =
          new PlatformRetry(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10));
      var longer =
          new ReconcilerProperties(
              true, Duration.ofHours(2), reconciler.lookback(), reconciler.grace());
      new ReconcilerSchedules(schedules, temporal, longer, retry, List.of("sales"))
          .apply(); // what a worker does at start-up

      ScheduleDescription updated = sales.describe();
      assertThat(updated.getSchedule().getState().isPaused()).isTrue();
      assertThat(updated.getSchedule().getState().getNote())
          .isEqualTo("an operator is looking at the sales team's Vapi account");
      assertThat(updated.getSchedule().getSpec().getIntervals())
          .extracting(ScheduleIntervalSpec::getEvery)
          .containsExactly(Duration.ofHours(2));
      assertThat(
              schedules.getHandle(DEFAULT_SCHEDULE).describe().getSchedule().getState().isPaused())
          .isFalse();
    } finally {
      sales.unpause();
      new ReconcilerSchedules(
              schedules,
              temporal,
              reconciler,
              new PlatformRetry(
                  Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
              List.of("sales"))
          .apply();
    }
  }

  private static long passes(ScheduleHandle schedule) {
    return schedule.describe().getInfo().getNumActions();
  }

  /**
   * Waits until the schedule has started {@code count} passes and knows none still runs. Between
   * looks it long-polls the history of the workflow the server runs the schedule as, which moves
   * when the schedule starts a pass and when it learns that one ended.
   */
  private void awaitPassesDone(ScheduleHandle schedule, long count) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      var info = schedule.describe().getInfo();
      if (info.getNumActions() >= count && info.getRunningActions().isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            schedule.getId() + " did not finish " + count + " passes: " + info);
      }
      awaitNextEvent(temporal, SCHEDULER_WORKFLOW_PREFIX + schedule.getId());
    }
  }
}
