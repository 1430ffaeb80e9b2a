package org.handoffengine.activities.reconcile;

import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  static final int PAGE = 100;

  private final VapiApi vapi;
  private final JourneyClient journeys;
  private final JourneyRoutes routes;
  private final String defaultRegion;

  public ReconcileActivitiesImpl(
      VapiApi vapi, JourneyClient journeys, JourneyRoutes routes, String defaultRegion) {
    this.vapi = vapi;
    this.journeys = journeys;
    this.routes = routes;
    this.defaultRegion = defaultRegion;
  }

  @Override
  public List<CallReport> endedCalls(Instant from, Instant to) {
    List<CallReport> ended = new ArrayList<>();
    Map<String, String> filters = new HashMap<>();
    filters.put(
        "updatedAtGt", from.toString()); // a call that ended since then was updated since then
    filters.put("limit", String.valueOf(PAGE));
    while (true) {
      List<VapiCall> page = vapi.listCalls(filters);
      for (VapiCall call : page) {
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
      if (page.size() < PAGE) {
        return ended;
      }
      // Newest first: the next page is everything created before the oldest call of this one.
      filters.put("createdAtLt", page.get(page.size() - 1).createdAt());
    }
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
