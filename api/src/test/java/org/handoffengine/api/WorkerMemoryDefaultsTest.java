package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Without {@code handoff.worker.*} a worker keeps 150 journeys in its cache and at most 300
 * workflow threads: each cached journey holds a parked thread, and Temporal's 600 of each kept a
 * worker well above 400 MB RSS (bench/RESULTS.md, "Worker memory").
 */
class WorkerMemoryDefaultsTest extends EngineTest {

  @Autowired TemporalProperties temporalProperties;

  @Test
  void theJourneyCacheAndItsThreadsAreBoundedByDefault() {
    assertThat(temporalProperties.getWorkflowCache().getMaxInstances()).isEqualTo(150);
    assertThat(temporalProperties.getWorkflowCache().getMaxThreads()).isEqualTo(300);
  }
}
