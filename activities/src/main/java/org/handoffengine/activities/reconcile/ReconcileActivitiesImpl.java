package org.handoffengine.activities.reconcile;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.handoffengine.activities.vapi.CallPages;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.platforms.vapi.VapiCall;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiCallReports.InvalidCallReport;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.reconcile.ReconcileActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ReconcileActivities}: Vapi's call list on one side, the journeys on the other. */
public class ReconcileActivitiesImpl implements ReconcileActivities {

  private static final Logger log = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);

  /**
   * Vapi's default page, not its maximum of 1000: ended calls carry their transcripts and messages,
   * and a page must arrive within one request timeout.
   */
  static final int PAGE = 100;

  /**
   * 2,000 calls updated in one lookback (an hour by default). Past that a pass fails rather than
   * leave the rest unread.
   */
  static final int MAX_PAGES = 20;

  /** Non-retryable: the pass could not read its whole window, so it fails and the next one runs. */
  public static final String INCOMPLETE = "VapiCallListIncomplete";

  private final CallPages pages;
  private final JourneyClient journeys;
  private final JourneyRoutes routes;
  private final String defaultRegion;

  public ReconcileActivitiesImpl(
      VapiApi vapi, JourneyClient journeys, JourneyRoutes routes, String defaultRegion) {
    this(new CallPages(vapi, PAGE, MAX_PAGES), journeys, routes, defaultRegion);
  }

  ReconcileActivitiesImpl(
      CallPages pages, JourneyClient journeys, JourneyRoutes routes, String defaultRegion) {
    this.pages = pages;
    this.journeys = journeys;
    this.routes = routes;
    this.defaultRegion = defaultRegion;
  }

  @Override
  public List<CallReport> endedCalls(Instant from, Instant to) {
    Map<String, String> filters = new HashMap<>();
    filters.put(
        "updatedAtGt", from.toString()); // a call that ended since then was updated since then
    List<VapiCall> calls;
    try {
      calls = pages.all(filters);
    } catch (CallPages.Incomplete incomplete) {
      // Non-retryable: a retry of this pass reads the same window and gives up the same way, and
      // an activity retrying for ever would hold its schedule's next passes off too (overlap:
      // skip). The pass fails and says why; the next pass of the schedule looks again.
      ApplicationFailure failure =
          ApplicationFailure.newNonRetryableFailure(
              "could not list Vapi's calls updated since "
                  + from
                  + ": "
                  + incomplete.getMessage()
                  + "; failing this pass rather than missing a call whose report was lost, the"
                  + " next pass looks again",
              INCOMPLETE);
      failure.setStackTrace(new StackTraceElement[0]);
      throw failure;
    }
    List<CallReport> ended = new ArrayList<>();
    for (VapiCall call : calls) {
      Instant endedAt = call.endedAt();
      if ("ended".equals(call.status())
          && endedAt != null
          && !endedAt.isBefore(from)
          && endedAt.isBefore(to)) {
        try {
          ended.add(VapiCallReports.fromCall(call, defaultRegion));
        } catch (InvalidCallReport unusable) {
          log.warn("Vapi call {} cannot start a journey: {}", call.id(), unusable.getMessage());
        }
      }
    }
    return ended;
  }

  @Override
  public List<CallReport> endedCallsOfRoute(String route, Instant from, Instant to) {
    List<CallReport> ofRoute = new ArrayList<>();
    for (CallReport call : endedCalls(from, to)) {
      // A call no route takes (unmapped calls refused) belongs to no pass; recordIfMissing would
      // refuse it too.
      Optional<JourneyRoutes.Routed> routed =
          routes.forCall(call.phoneNumberId(), call.assistantId());
      if (routed.isPresent() && Objects.equals(routed.get().route(), route)) {
        ofRoute.add(call);
      }
    }
    return ofRoute;
  }

  @Override
  public boolean recordIfMissing(CallReport report) {
    CallerJourney caller;
    try {
      caller = journeys.callerOf(report, null);
    } catch (JourneyClient.UnroutedCall unrouted) {
      log.warn("{}; not delivered", unrouted.getMessage());
      return false;
    }
    try {
      // Queries answer for finished journeys too: a resolved journey's calls are not delivered
      // again.
      boolean known =
          journeys.state(caller.journeyId()).calls().stream()
              .anyMatch(call -> call.callId().equals(report.callId()));
      if (known) {
        return false;
      }
    } catch (WorkflowNotFoundException noJourneyYet) {
      // the report was lost before any journey existed: deliver it
    }
    log.info(
        "Call {} ended without a report reaching the engine; delivering it to {}",
        report.callId(),
        caller.loggableId());
    journeys.callEnded(caller, report);
    return true;
  }
}
