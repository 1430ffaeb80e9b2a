package org.handoffengine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's Prometheus text, read as the bench keys it. */
class ServerWorkTest {

  private static final String EXPOSITION =
      """
      # HELP service_requests service_requests counter
      # TYPE service_requests counter
      service_requests{namespace="default",operation="SignalWithStartWorkflowExecution",service_name="frontend"} 12
      service_requests{namespace="default",operation="SignalWithStartWorkflowExecution",service_name="history"} 12
      service_requests{namespace="other",operation="SignalWithStartWorkflowExecution",service_name="frontend"} 3
      persistence_requests{operation="UpdateWorkflowExecution",service_name="history"} 40
      persistence_latency_sum{operation="UpdateWorkflowExecution",service_name="history"} 0.25
      persistence_latency_count{operation="UpdateWorkflowExecution",service_name="history"} 40
      service_latency_sum{operation="PollWorkflowTaskQueue",service_name="frontend"} 99
      """;

  @Test
  void requestsAreKeyedByServiceAndOperationAndSummedOverTheirOtherLabels() {
    Map<String, Double> counters = ServerWork.parse(EXPOSITION);

    assertThat(counters)
        .containsEntry("frontend SignalWithStartWorkflowExecution", 15.0)
        .containsEntry("history SignalWithStartWorkflowExecution", 12.0)
        .containsEntry("persistence UpdateWorkflowExecution", 40.0)
        .containsEntry("persistence-ms UpdateWorkflowExecution", 250.0)
        .hasSize(4);
  }

  @Test
  void aPhaseIsWhatMovedInIt() {
    Map<String, Double> before = Map.of("history X", 10.0, "history Y", 5.0);
    Map<String, Double> after = Map.of("history X", 14.0, "history Y", 5.0, "matching Z", 2.0);

    assertThat(ServerWork.since(before, after))
        .containsExactlyInAnyOrderEntriesOf(Map.of("history X", 4.0, "matching Z", 2.0));
  }

  @Test
  void aPhaseReadPerRunDividesByTheRunsItFinished() {
    var phase = new ServerWork.Phase(Map.of("persistence A", 30.0, "persistence B", 10.0), 10, 5);

    assertThat(phase.perRun("persistence A")).isEqualTo(3.0);
    assertThat(phase.perRunStartingWith("persistence ")).isEqualTo(4.0);
  }
}
