package org.handoffengine.api.journeys;

import io.grpc.Status;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.ProblemResponses;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.workflows.journey.JourneyIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a journey costs on hosted Temporal, read from its history (its current run): the events that
 * Temporal Cloud bills as actions, and the workflow tasks it does not bill but that load a
 * self-hosted cluster. Read-only, behind the journey API token; the embedded server has no other
 * way to show a history.
 */
@RestController
public class JourneyHistoryController {

  private final JourneyClient journeys;

  public JourneyHistoryController(JourneyClient journeys) {
    this.journeys = journeys;
  }

  @GetMapping("/journeys/{journeyId}/actions")
  public JourneyActions actions(@PathVariable String journeyId) {
    if (!JourneyIds.isJourneyId(journeyId)) {
      throw ApiProblem.badRequest(
          "not a journey id: " + journeyId + " (journey ids start with journey-)");
    }
    List<HistoryEvent> events;
    try {
      events = journeys.history(journeyId).getEvents();
    } catch (RuntimeException e) {
      if (ProblemResponses.grpcStatus(e)
          .map(Status::getCode)
          .filter(Status.Code.NOT_FOUND::equals)
          .isPresent()) {
        throw ApiProblem.notFound("no journey " + journeyId);
      }
      throw e;
    }
    return JourneyActions.of(journeyId, events);
  }

  /**
   * A run's history counted the way Temporal Cloud prices it: a start (signal-with-start is a start
   * and a signal), every signal, every activity attempt, every timer, every search-attribute
   * upsert, every marker (side effect, local activity), every accepted update, every child workflow
   * started and external signal sent. Workflow tasks and completions are free. Queries are billed
   * but leave no event, so they are not here.
   *
   * @param activityAttempts attempts of the activities, retries included; an activity still running
   *     counts one
   * @param events every event type in the run, by name
   */
  public record JourneyActions(
      String journeyId,
      int historyEvents,
      int workflowStarts,
      int signals,
      int updates,
      int activities,
      int activityAttempts,
      int timers,
      int searchAttributeUpserts,
      int markers,
      int childWorkflows,
      int externalSignals,
      int workflowTasks,
      int billableActions,
      Map<String, Integer> events) {

    static JourneyActions of(String journeyId, List<HistoryEvent> history) {
      Map<String, Integer> byType = new TreeMap<>();
      int activitiesStarted = 0;
      int attemptsOfStarted = 0;
      for (HistoryEvent event : history) {
        byType.merge(event.getEventType().name().replace("EVENT_TYPE_", ""), 1, Integer::sum);
        if (event.hasActivityTaskStartedEventAttributes()) {
          activitiesStarted++;
          // The started event is written once, when the activity closes, carrying its last attempt.
          attemptsOfStarted +=
              Math.max(1, event.getActivityTaskStartedEventAttributes().getAttempt());
        }
      }
      int activities = byType.getOrDefault("ACTIVITY_TASK_SCHEDULED", 0);
      int attempts = attemptsOfStarted + (activities - activitiesStarted);
      int starts = byType.getOrDefault("WORKFLOW_EXECUTION_STARTED", 0);
      int signals = byType.getOrDefault("WORKFLOW_EXECUTION_SIGNALED", 0);
      int updates = byType.getOrDefault("WORKFLOW_EXECUTION_UPDATE_ACCEPTED", 0);
      int timers = byType.getOrDefault("TIMER_STARTED", 0);
      int upserts = byType.getOrDefault("UPSERT_WORKFLOW_SEARCH_ATTRIBUTES", 0);
      int markers = byType.getOrDefault("MARKER_RECORDED", 0);
      int children = byType.getOrDefault("START_CHILD_WORKFLOW_EXECUTION_INITIATED", 0);
      int externalSignals = byType.getOrDefault("SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED", 0);
      int workflowTasks = byType.getOrDefault("WORKFLOW_TASK_SCHEDULED", 0);
      int billable =
          starts
              + signals
              + updates
              + attempts
              + timers
              + upserts
              + markers
              + children
              + externalSignals;
      return new JourneyActions(
          journeyId,
          history.size(),
          starts,
          signals,
          updates,
          activities,
          attempts,
          timers,
          upserts,
          markers,
          children,
          externalSignals,
          workflowTasks,
          billable,
          byType);
    }
  }
}
