package org.handoffengine.workflows.reconcile;

import java.time.Duration;
import org.handoffengine.workflows.policy.PlatformRetry;

/**
 * @param route the route whose calls this pass looks at; null for the default route
 * @param lookback how far back the pass looks for ended calls
 * @param grace how long after a call ended its report has to arrive before the pass steps in
 */
public record ReconcilePassInput(
    String route, Duration lookback, Duration grace, PlatformRetry retry) {}
