package org.handoffengine.workflows.reconcile;

import java.time.Duration;
import org.handoffengine.workflows.policy.PlatformRetry;

/**
 * @param interval time between passes
 * @param lookback how far back a pass looks for ended calls
 * @param grace how long after a call ended its report has to arrive before the reconciler steps in
 * @param passesBeforeContinuing passes per run; the workflow continues as new after them
 */
public record ReconcilerInput(
    Duration interval,
    Duration lookback,
    Duration grace,
    int passesBeforeContinuing,
    PlatformRetry retry) {}
