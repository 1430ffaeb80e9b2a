package org.handoffengine.workflows.journey;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * The journey's own counters, next to the Temporal SDK's metrics. Workflow metrics are silent while
 * a history replays, so a worker restart or a cache eviction never counts a step twice.
 */
final class JourneyMeter {

  private final Scope metrics = Workflow.getMetricsScope();

  void journeyStarted() {
    metrics.counter("handoff_journeys_started").inc(1);
  }

  void escalated(String source) {
    metrics
        .tagged(Map.of("source", source == null ? "unknown" : source))
        .counter("handoff_escalations")
        .inc(1);
  }

  void followUpCallPlaced() {
    metrics.counter("handoff_follow_up_calls_placed").inc(1);
  }
}
