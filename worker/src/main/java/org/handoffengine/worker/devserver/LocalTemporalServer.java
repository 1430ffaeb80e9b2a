package org.handoffengine.worker.devserver;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The real Temporal server on this machine: the Temporal CLI's {@code temporal server start-dev}
 * (the Go server with SQLite persistence, SQL visibility, Schedules and the Web UI), run as a child
 * process on loopback ports. The demo, the real-server tests and the bench use it.
 *
 * <p>The SDK has a launcher of its own ({@code io.temporal.testing.TemporalDevServer}), but the
 * drills need what it does not expose: the process, to SIGKILL it, and a restart on the same
 * database file and ports while clients keep their address.
 */
public final class LocalTemporalServer implements AutoCloseable {

  /** Where {@code deploy/dev/install-temporal-cli.sh} puts the binary, relative to the checkout. */
  static final Path INSTALLED = Path.of(".tools", "bin", "temporal");

  private final Path binary;
  private Options options;
  private final int port;
  private final int httpPort;
  private final int metricsPort;
  private final Integer uiPort;
  private final Path database;
  private final Path log;
  private Process process;

  /**
   * How to start it; {@link #defaults()} is headless, WAL, one namespace: {@code default}, and the
   * CLI's own dynamic config.
   *
   * @param dynamicConfig {@code --dynamic-config-value} pairs, after the CLI's defaults, so they
   *     win
   */
  public record Options(
      List<String> namespaces,
      boolean ui,
      String codecEndpoint,
      Path workDirectory,
      Map<String, String> dynamicConfig) {
    public static Options defaults() {
      return new Options(List.of(), false, null, null, Map.of());
    }

    public Options withNamespaces(List<String> names) {
      return new Options(List.copyOf(names), ui, codecEndpoint, workDirectory, dynamicConfig);
    }

    /** The Web UI, decoding payloads through {@code codecEndpoint} when it is not null. */
    public Options withUi(String codec) {
      return new Options(namespaces, true, codec, workDirectory, dynamicConfig);
    }

    public Options in(Path directory) {
      return new Options(namespaces, ui, codecEndpoint, directory, dynamicConfig);
    }

    /** One more dynamic-config value, {@code value} in JSON ({@code false}, {@code 10}, ...). */
    public Options withDynamicConfig(String key, String value) {
      Map<String, String> values = new TreeMap<>(dynamicConfig);
      values.put(key, value);
      return new Options(
          namespaces, ui, codecEndpoint, workDirectory, Collections.unmodifiableMap(values));
    }
  }

  private LocalTemporalServer(Path binary, Options options) throws IOException {
    this.binary = binary;
    this.options = options;
    this.port = freePort();
    this.httpPort = freePort();
    this.metricsPort = freePort();
    this.uiPort = options.ui() ? freePort() : null;
    Path directory =
        options.workDirectory() != null
            ? Files.createDirectories(options.workDirectory())
            : Files.createTempDirectory("temporal-dev-");
    this.database = directory.resolve("temporal-" + port + ".sqlite");
    this.log = directory.resolve("temporal-" + port + ".log");
  }

  /**
   * The {@code temporal} binary: {@code $TEMPORAL_CLI}, else {@code .tools/bin/temporal} in this
   * directory or one above it (tests run from a module folder), else {@code temporal} on the PATH.
   */
  public static Optional<Path> findBinary() {
    String configured = System.getenv("TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(INSTALLED);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "temporal");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts the server and waits until its frontend answers health checks. */
  public static LocalTemporalServer start(Path binary, Options options) {
    try {
      LocalTemporalServer server = new LocalTemporalServer(binary, options);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary + " server start-dev", e);
    }
  }

  /** {@code host:port} of the frontend, for {@code spring.temporal.connection.target}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** The Web UI's address, when started with one. */
  public Optional<String> uiUrl() {
    return Optional.ofNullable(uiPort).map(p -> "http://127.0.0.1:" + p);
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }

  public Path database() {
    return database;
  }

  public Path logFile() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown, as when the machine under it dies. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /**
   * Starts again on the same database file and ports, after {@link #kill()} or {@link #close()}.
   */
  public void restart() {
    if (isRunning()) {
      throw new IllegalStateException("the server is still running (pid " + pid() + ")");
    }
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts again on the same database file and ports with the Web UI decoding through another codec
   * endpoint, or none ({@code null}): the same journeys seen as a UI without the key sees them.
   */
  public void restartWithCodec(String codecEndpoint) {
    if (uiPort == null) {
      throw new IllegalStateException("started without the Web UI");
    }
    close();
    options = options.withUi(codecEndpoint);
    restart();
  }

  @Override
  public void close() {
    if (isRunning()) {
      process.destroy();
      waitForExit();
    }
  }

  private void launch() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--http-port",
                String.valueOf(httpPort),
                "--metrics-port",
                String.valueOf(metricsPort),
                "--db-filename",
                database.toString(),
                // The SDK's own CI settings: WAL, and no fsync per commit (a lost machine loses the
                // file anyway).
                "--sqlite-pragma",
                "journal_mode=WAL",
                "--sqlite-pragma",
                "synchronous=OFF",
                "--log-level",
                "warn"));
    for (String namespace : options.namespaces()) {
      command.addAll(List.of("--namespace", namespace));
    }
    options
        .dynamicConfig()
        .forEach(
            (key, value) -> command.addAll(List.of("--dynamic-config-value", key + "=" + value)));
    if (uiPort == null) {
      command.add("--headless");
    } else {
      command.addAll(
          List.of(
              "--ui-ip",
              "127.0.0.1",
              "--ui-port",
              String.valueOf(uiPort),
              "--ui-disable-news-fetch"));
      if (options.codecEndpoint() != null) {
        command.addAll(List.of("--ui-codec-endpoint", options.codecEndpoint()));
      }
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitServing(Duration.ofSeconds(60));
  }

  private void awaitServing(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target())
                .setRpcTimeout(Duration.ofSeconds(2))
                .build());
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "temporal server start-dev exited with " + process.exitValue() + "; see " + log);
        }
        try {
          if (stubs.healthCheck().getStatus().name().equals("SERVING")) {
            return;
          }
        } catch (RuntimeException notYet) {
          // The frontend is not listening yet.
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "temporal server start-dev did not answer within " + patience + "; see " + log);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
