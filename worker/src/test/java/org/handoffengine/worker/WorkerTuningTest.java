package org.handoffengine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Test;

class WorkerTuningTest {

  @Test
  void setValuesReachTheWorkerAndZeroKeepsTemporalsDefaults() {
    WorkerTuning tuned = new WorkerTuning(20, 50, 1_000, false);
    WorkerTuning defaults = new WorkerTuning(0, 0, 0, false);

    WorkerOptions options = tuned.apply(WorkerOptions.newBuilder()).validateAndBuildWithDefaults();
    WorkerFactoryOptions factory = tuned.apply(WorkerFactoryOptions.newBuilder()).validateAndBuildWithDefaults();

    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(20);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(50);
    assertThat(factory.getWorkflowCacheSize()).isEqualTo(1_000);
    assertThat(defaults.apply(WorkerFactoryOptions.newBuilder()).validateAndBuildWithDefaults().getWorkflowCacheSize())
        .isEqualTo(WorkerFactoryOptions.newBuilder().validateAndBuildWithDefaults().getWorkflowCacheSize());
  }

  @Test
  void virtualThreadsAreUsedOnlyWhereTheJavaHasThem() {
    WorkerTuning virtual = new WorkerTuning(0, 0, 0, true);

    assertThat(virtual.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
    assertThat(virtual.apply(WorkerFactoryOptions.newBuilder()).validateAndBuildWithDefaults().isUsingVirtualWorkflowThreads())
        .isEqualTo(Runtime.version().feature() >= 21);
  }
}
