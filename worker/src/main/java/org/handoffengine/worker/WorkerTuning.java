package org.handoffengine.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.worker.*}: how much work one worker process takes on. Zero keeps Temporal's
 * default.
 *
 * @param maxConcurrentActivities platform calls in flight at once (Temporal's default: 200);
 *     Chatwoot's and Vapi's rate limits are the usual ceiling, not the CPU
 * @param maxConcurrentWorkflowTasks workflow tasks in flight at once (default 200)
 * @param workflowCacheSize journeys kept in memory between their steps (sticky cache, default 600);
 *     a journey evicted from it replays its history on its next step, which costs CPU, not
 *     correctness. Journeys sleep for hours, so a cache far below the number of open journeys is
 *     normal
 * @param virtualThreads run workflow and activity threads as virtual threads (Java 21 or newer;
 *     ignored with a warning on older Java): many journeys blocked on Chatwoot or Vapi then cost
 *     no platform thread each
 */
@ConfigurationProperties("handoff.worker")
public record WorkerTuning(
    int maxConcurrentActivities, int maxConcurrentWorkflowTasks, int workflowCacheSize, boolean virtualThreads) {

  private static final Logger log = LoggerFactory.getLogger(WorkerTuning.class);

  WorkerOptions.Builder apply(WorkerOptions.Builder options) {
    if (maxConcurrentActivities > 0) {
      options.setMaxConcurrentActivityExecutionSize(maxConcurrentActivities);
    }
    if (maxConcurrentWorkflowTasks > 0) {
      options.setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks);
    }
    if (virtualThreadsAvailable()) {
      options.setUsingVirtualThreads(true);
    }
    return options;
  }

  WorkerFactoryOptions.Builder apply(WorkerFactoryOptions.Builder options) {
    if (workflowCacheSize > 0) {
      options.setWorkflowCacheSize(workflowCacheSize);
    }
    if (virtualThreadsAvailable()) {
      options.setUsingVirtualWorkflowThreads(true);
    }
    return options;
  }

  boolean virtualThreadsAvailable() {
    if (!virtualThreads) {
      return false;
    }
    if (Runtime.version().feature() < 21) {
      log.warn("handoff.worker.virtual-threads needs Java 21 or newer; this is Java {}, using platform threads", Runtime.version().feature());
      return false;
    }
    return true;
  }
}
