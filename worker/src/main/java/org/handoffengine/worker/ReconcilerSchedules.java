package org.handoffengine.worker;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflow;
import org.handoffengine.workflows.reconcile.ReconcilePassInput;
import org.handoffengine.workflows.reconcile.ReconcilePassWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler on a real Temporal server: one Schedule per route, each starting a {@link
 * ReconcilePassWorkflow} every {@code handoff.reconciler.interval}, a pass skipped while the last
 * one still runs. Applied at every worker start-up: a missing schedule is created, an existing one
 * takes the configured interval and window but keeps its state, so a schedule an operator paused
 * stays paused. Schedules of routes no longer configured are deleted, and so are all of them when
 * the reconciler is disabled.
 */
public final class ReconcilerSchedules {

  private static final Logger log = LoggerFactory.getLogger(ReconcilerSchedules.class);
  private static final Duration SHORTEST_CATCHUP = Duration.ofSeconds(10);

  private final ScheduleClient schedules;
  private final WorkflowClient workflows;
  private final ReconcilerProperties reconciler;
  private final PlatformRetry retry;
  private final List<String> routes;

  /**
   * @param routes the names of the configured routes; the default route is always there
   */
  public ReconcilerSchedules(
      ScheduleClient schedules,
      WorkflowClient workflows,
      ReconcilerProperties reconciler,
      PlatformRetry retry,
      List<String> routes) {
    this.schedules = schedules;
    this.workflows = workflows;
    this.reconciler = reconciler;
    this.retry = retry;
    this.routes = routes;
  }

  /** The schedule id of a route (null: the default route). */
  public static String scheduleId(String route) {
    return route == null
        ? ReconcilePassWorkflow.SCHEDULE_PREFIX
        : ReconcilePassWorkflow.SCHEDULE_PREFIX + "-" + route;
  }

  public void apply() {
    Map<String, String> wanted = new LinkedHashMap<>();
    if (reconciler.enabled()) {
      wanted.put(scheduleId(null), null);
      routes.forEach(route -> wanted.put(scheduleId(route), route));
    }
    wanted.forEach((id, route) -> createOrUpdate(id, schedule(route)));
    deleteOthers(wanted.keySet());
    stopTimerLoop();
  }

  private void createOrUpdate(String id, Schedule schedule) {
    try {
      schedules.createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
      log.info("Created reconciler schedule {} (every {})", id, reconciler.interval());
    } catch (ScheduleAlreadyRunningException exists) {
      schedules
          .getHandle(id)
          .update(
              current -> {
                ScheduleState state = current.getDescription().getSchedule().getState();
                return new ScheduleUpdate(Schedule.newBuilder(schedule).setState(state).build());
              });
      log.info(
          "Updated reconciler schedule {} (every {}{})",
          id,
          reconciler.interval(),
          schedules.getHandle(id).describe().getSchedule().getState().isPaused() ? ", paused" : "");
    }
  }

  private Schedule schedule(String route) {
    Duration interval = reconciler.interval();
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReconcilePassWorkflow.class)
                .setArguments(
                    new ReconcilePassInput(route, reconciler.lookback(), reconciler.grace(), retry))
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(
                            scheduleId(route)) // the server appends each pass's start time
                        .setTaskQueue(JourneyIds.TASK_QUEUE)
                        .setStaticSummary(
                            "Reconciler pass over "
                                + (route == null ? "the default route" : "route " + route))
                        // Both or neither: SDK 1.38 cannot describe a schedule whose action has a
                        // summary but no details.
                        .setStaticDetails(
                            "Delivers to its journey each call that ended in the last "
                                + reconciler.lookback()
                                + " and whose end-of-call report has not arrived "
                                + reconciler.grace()
                                + " after it ended")
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(interval)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                // A pass missed during an outage is not worth running late: the next one looks back
                // as far.
                .setCatchupWindow(
                    interval.compareTo(SHORTEST_CATCHUP) < 0 ? SHORTEST_CATCHUP : interval)
                .build())
        .setState(
            ScheduleState.newBuilder()
                .setNote("created by the engine's worker at start-up")
                .build())
        .build();
  }

  private void deleteOthers(Set<String> wanted) {
    List<String> stale = new ArrayList<>();
    try (var listed = schedules.listSchedules()) {
      stale.addAll(
          listed
              .map(ScheduleListDescription::getScheduleId)
              .filter(
                  id ->
                      id.equals(ReconcilePassWorkflow.SCHEDULE_PREFIX)
                          || id.startsWith(ReconcilePassWorkflow.SCHEDULE_PREFIX + "-"))
              .filter(id -> !wanted.contains(id))
              .collect(Collectors.toList()));
    }
    for (String id : stale) {
      schedules.getHandle(id).delete();
      log.info(
          "Deleted reconciler schedule {}: {}",
          id,
          reconciler.enabled()
              ? "its route is no longer configured"
              : "the reconciler is disabled");
    }
  }

  /** An engine that ran on an older version (or without Schedules) left the timer loop running. */
  private void stopTimerLoop() {
    try {
      workflows
          .newUntypedWorkflowStub(CallReconcilerWorkflow.WORKFLOW_ID)
          .terminate("replaced by the reconciler schedules");
      log.info(
          "Stopped the timer-loop reconciler {}: the schedules replace it",
          CallReconcilerWorkflow.WORKFLOW_ID);
    } catch (WorkflowNotFoundException notRunning) {
      // the usual case
    }
  }
}
