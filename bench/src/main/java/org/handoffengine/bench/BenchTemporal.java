package org.handoffengine.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.handoffengine.worker.devserver.LocalTemporalServer;

/**
 * The real Temporal server a bench run or drill uses, from {@code --temporal}: {@code dev} starts
 * {@code temporal server start-dev} ({@link LocalTemporalServer}: headless, SQLite file with WAL,
 * free loopback ports) for the run and stops it at the end; {@code host:port} is a server already
 * running, left as it was.
 */
final class BenchTemporal implements AutoCloseable {

  static final String DEV = "dev";

  private final String target;
  private final LocalTemporalServer started;

  private BenchTemporal(String target, LocalTemporalServer started) {
    this.target = target;
    this.started = started;
  }

  /** Starts the dev server for {@code --temporal dev}; otherwise only names the given address. */
  static BenchTemporal open(String option) {
    return open(option, List.of());
  }

  /**
   * As {@link #open(String)}, with {@code KEY=JSON} dynamic-config values for the server it starts,
   * over the bench's own.
   */
  static BenchTemporal open(String option, List<String> serverConfig) {
    if (option == null || option.isBlank()) {
      throw new IllegalArgumentException("no --temporal given");
    }
    if (!DEV.equals(option)) {
      return new BenchTemporal(option, null);
    }
    Path binary =
        LocalTemporalServer.findBinary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "--temporal dev needs the temporal CLI: run bash deploy/dev/install-temporal-cli.sh, or set TEMPORAL_CLI"));
    LocalTemporalServer.Options settings =
        LocalTemporalServer.Options.defaults()
            .withDynamicConfig("system.forceSearchAttributesCacheRefreshOnRead", "false");
    for (String keyValue : serverConfig) {
      int eq = keyValue.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--server-config wants KEY=JSON, got " + keyValue);
      }
      settings = settings.withDynamicConfig(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
    LocalTemporalServer server = LocalTemporalServer.start(binary, settings);
    return new BenchTemporal(server.target(), server);
  }

  /** {@code host:port} of the frontend, for {@code spring.temporal.connection.target}. */
  String target() {
    return target;
  }

  /** The server's process id when this run started it, for its CPU share and pinning. */
  OptionalLong pid() {
    return started == null ? OptionalLong.empty() : OptionalLong.of(started.pid());
  }

  /** The server's Prometheus endpoint when this run started it. */
  Optional<String> metricsUrl() {
    return started == null ? Optional.empty() : Optional.of(started.metricsUrl());
  }

  String describe() {
    return started == null
        ? "Temporal at " + target + " (already running)"
        : "temporal server start-dev at "
            + target
            + " (pid "
            + started.pid()
            + ", log "
            + started.logFile()
            + ")";
  }

  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
