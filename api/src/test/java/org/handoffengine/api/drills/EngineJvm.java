package org.handoffengine.api.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffengine.api.HandoffEngineApplication;

/**
 * One engine role in a JVM of its own, started from the test's classpath with the {@code test}
 * profile and the given settings as command-line arguments (which outrank application.yaml, as the
 * environment does in a deployment). A drill can end it with SIGKILL, which no in-process context
 * can stand in for: no shutdown hook, no worker drain, no goodbye to Temporal.
 */
final class EngineJvm implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofMinutes(3); // a Spring start on 2 busy cores

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private EngineJvm(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the engine with {@code settings} ({@code handoff.roles} among them) and waits until it
   * is healthy.
   */
  static EngineJvm start(String name, Map<String, String> settings) {
    try {
      int port = freePort();
      Path logs = Files.createDirectories(Path.of("target", "drills"));
      Path log = logs.resolve(name + "-" + port + ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  // Start-up dominates a drill's engine's life; C1 alone starts it sooner.
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  HandoffEngineApplication.class.getName(),
                  "--spring.profiles.active=test",
                  "--server.port=" + port));
      settings.forEach((key, value) -> command.add("--" + key + "=" + value));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      // Never outlive the test JVM, even when it is killed or a drill fails half-way.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
      EngineJvm engine = new EngineJvm(name, process, port, log);
      try {
        engine.awaitHealthy();
      } catch (RuntimeException | AssertionError notStarted) {
        engine.kill();
        throw notStarted;
      }
      return engine;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** SIGKILL ({@code destroyForcibly} on Linux), then waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Await.until(
        name + " healthy (log " + log + ")",
        STARTUP,
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                name + " exited with " + process.exitValue() + "; see " + log);
          }
          try {
            return http.send(
                        HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException notYet) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
