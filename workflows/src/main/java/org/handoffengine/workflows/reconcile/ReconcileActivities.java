package org.handoffengine.workflows.reconcile;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;
import org.handoffengine.workflows.journey.CallReport;

@ActivityInterface
public interface ReconcileActivities {

  /** Calls that ended between the two instants, read from Vapi's {@code GET /call}. */
  List<CallReport> endedCalls(Instant from, Instant to);

  /**
   * The calls of {@link #endedCalls} that belong to one route's journeys (null: the default route).
   * Each route's schedule runs its own pass, so one team's reconciler can be paused alone.
   */
  List<CallReport> endedCallsOfRoute(String route, Instant from, Instant to);

  /**
   * Hands the call to its journey unless that journey (running or finished) already recorded it.
   *
   * @return true when the call was delivered, false when its journey already had it
   */
  boolean recordIfMissing(CallReport report);
}
