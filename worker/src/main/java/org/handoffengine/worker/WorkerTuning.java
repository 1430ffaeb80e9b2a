package org.handoffengine.worker;

import io.temporal.worker.WorkerOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.worker.*}: how much work one worker process takes on. Zero keeps Temporal's
 * default (200 concurrent activities, 200 concurrent workflow tasks).
 *
 * @param maxConcurrentActivities platform calls in flight at once; Chatwoot and Vapi rate limits
 *     are the usual ceiling, not the CPU
 * @param maxConcurrentWorkflowTasks workflow tasks in flight at once
 */
@ConfigurationProperties("handoff.worker")
public record WorkerTuning(int maxConcurrentActivities, int maxConcurrentWorkflowTasks) {

  WorkerOptions.Builder apply(WorkerOptions.Builder options) {
    if (maxConcurrentActivities > 0) {
      options.setMaxConcurrentActivityExecutionSize(maxConcurrentActivities);
    }
    if (maxConcurrentWorkflowTasks > 0) {
      options.setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks);
    }
    return options;
  }
}
