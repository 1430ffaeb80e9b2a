package org.handoffengine.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's command line: {@code [--long] [--rate N] [--latency-ms N] [--failure-rate F]
 * [--journeys N] [--warm-up S] [--profile] [--worker-off] [--engine-option JVM-OPTION]...
 * [--temporal dev|host:port [--workers N] [--pin] [--server-config KEY=JSON]...] [--drill
 * contact-burst]}.
 *
 * @param rate reports (and no-op, inline requests) per second in the open-model phases
 * @param chatwootLatency added by the Chatwoot sandbox to every call
 * @param failureRate share of Chatwoot calls the sandbox answers 503
 * @param journeys open journeys when the engine's memory is measured (1,000 in a short run, 10,000
 *     with --long: the embedded Temporal records about 15 journeys a second on 2 busy cores)
 * @param profile record the engine with Java Flight Recorder
 * @param workerOff measure only the acknowledgements, with the engine's worker role off ({@link
 *     AckWithoutWorker})
 * @param engineOptions JVM options for the engine process ({@code --engine-option} may repeat), to
 *     try a tuning without rebuilding
 * @param temporalTarget {@code --temporal}: {@code dev} starts {@code temporal server start-dev}
 *     for the run, {@code host:port} uses a server already running ({@link BenchTemporal}); null
 *     keeps the embedded (or, for the drill, the standalone test) server
 * @param workers engine worker-role processes on a real server (the api role is one more process)
 * @param pin on a real server started here: the server on core 0, the engine's processes on core 1
 * @param serverConfig {@code --server-config KEY=JSON} (may repeat): dynamic config for the server
 *     {@code --temporal dev} starts, over the bench's own (see {@link BenchTemporal}), to try a
 *     server setting without rebuilding
 * @param warmUpSeconds {@code --warm-up S}, on a real server: each load (bare signal-with-start,
 *     no-op, reports) warms the engine this long, in two rounds, before anything is measured
 */
record BenchOptions(
    boolean longRun,
    int rate,
    Duration chatwootLatency,
    double failureRate,
    int journeys,
    boolean profile,
    boolean workerOff,
    String drill,
    List<String> engineOptions,
    String temporalTarget,
    int workers,
    boolean pin,
    List<String> serverConfig,
    int warmUpSeconds) {

  static BenchOptions parse(String[] args) {
    List<String> list = List.of(args);
    return new BenchOptions(
        list.contains("--long"),
        // The real server's targets are set at 100 reports/s; the embedded runs kept 200.
        Integer.parseInt(
            value(args, "--rate", value(args, "--temporal", null) != null ? "100" : "200")),
        Duration.ofMillis(Long.parseLong(value(args, "--latency-ms", "50"))),
        Double.parseDouble(value(args, "--failure-rate", "0")),
        Integer.parseInt(value(args, "--journeys", list.contains("--long") ? "10000" : "1000")),
        list.contains("--profile"),
        list.contains("--worker-off"),
        value(args, "--drill", null),
        values(args, "--engine-option"),
        value(args, "--temporal", null),
        Integer.parseInt(value(args, "--workers", "1")),
        list.contains("--pin"),
        values(args, "--server-config"),
        Integer.parseInt(value(args, "--warm-up", list.contains("--long") ? "20" : "10")));
  }

  /**
   * Whether the run uses a real Temporal server ({@code --temporal}) rather than the SDK's test
   * server.
   */
  boolean realTemporal() {
    return temporalTarget != null;
  }

  /** Length of each measured open-model phase. */
  Duration phase() {
    return longRun ? Duration.ofSeconds(30) : Duration.ofSeconds(3);
  }

  /**
   * Warm-up phases run at a quarter of the rate: every report is a journey the worker must finish.
   */
  Duration warmUp() {
    return longRun ? Duration.ofSeconds(10) : Duration.ofSeconds(2);
  }

  /** Length of each closed-model (saturation) phase. */
  Duration saturation() {
    return longRun ? Duration.ofSeconds(15) : Duration.ofSeconds(3);
  }

  private static List<String> values(String[] args, String name) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        found.add(args[i + 1]);
      }
    }
    return found;
  }

  private static String value(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
