package org.handoffengine.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The engine jar as its own process, on its embedded Temporal, pointed at the sandboxes. */
final class EngineProcess implements AutoCloseable {

  static final String API_TOKEN = "bench-api-token";
  static final String VAPI_SECRET = "bench-vapi-secret";

  private final Process process;
  private final int port;

  EngineProcess(Path jar, Map<String, String> settings, Path log)
      throws IOException, InterruptedException {
    this(jar, settings, List.of(), log);
  }

  /**
   * @param jvmOptions for the engine's JVM, e.g. a flight recording
   */
  EngineProcess(Path jar, Map<String, String> settings, List<String> jvmOptions, Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no engine jar at " + jar + "; build it first: ./mvnw -q package -DskipTests");
    }
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--handoff.api.token=" + API_TOKEN);
    command.add("--handoff.vapi.webhook-secret=" + VAPI_SECRET);
    // The bench-only endpoints (/bench/noop); include, not active, so it adds to any role profiles.
    command.add("--spring.profiles.include=bench");
    command.add("--handoff.reconciler.enabled=false");
    command.add("--logging.level.root=WARN");
    settings.forEach((name, value) -> command.add("--" + name + "=" + value));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // As the image and the README's run command set it: two glibc malloc arenas, not one per core.
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    process = builder.start();
    awaitHealthy(
        Duration.ofSeconds(240)); // a Spring start on 2 cores shared with builds can take over 90 s
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Stops the process where it stands ({@code SIGSTOP}) until {@link #resume()}: its long polls
   * stay open, so the server keeps its tasks. A workflow task handed to it just before times out
   * after 10 s (Temporal's default) and goes to it again once resumed: a short run's phases (3 to 5
   * s) stay under that, a {@code --long} run's (10 to 20 s) may not.
   */
  void pause() {
    signal("-STOP");
  }

  void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    Commands.run("kill", signal, String.valueOf(pid()));
  }

  /**
   * Live heap after a full collection, in kilobytes, read with {@code jcmd}: what the journeys
   * themselves hold, apart from heap the JVM has claimed and not given back.
   */
  long liveHeapKilobytesAfterGc() {
    try {
      jcmd("GC.run");
      // G1 prints one "garbage-first heap total …, used …K" line; Serial one per generation.
      long used = -1;
      for (String line : jcmd("GC.heap_info").split("\n")) {
        var match = Pattern.compile("total \\d+K, used (\\d+)K").matcher(line);
        if (match.find()) {
          used = Math.max(used, 0) + Long.parseLong(match.group(1));
        }
      }
      return used;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    return out;
  }

  /**
   * Ends the engine at once, as a crash or {@code kill -9} would: no shutdown hooks, no draining.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  long residentKilobytes() {
    return status("VmRSS:");
  }

  /** The process's threads now: a worker keeps one per journey in its cache. */
  long threads() {
    return status("Threads:");
  }

  private long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private void awaitHealthy(Duration patience) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the engine exited with " + process.exitValue() + "; see its log");
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250); // polling a process that is starting up, not a workflow
    }
    throw new IllegalStateException("the engine did not become healthy within " + patience);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
  }

  /**
   * The JVM options production gets ({@code deploy/jvm.options}, or the file {@code
   * handoff.engine.jvm-options} names), as the argument file the run command passes.
   */
  static List<String> productionJvmOptions() {
    Path file =
        Path.of(
            System.getProperty(
                "handoff.engine.jvm-options", "deploy" + File.separator + "jvm.options"));
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no engine JVM options at "
              + file.toAbsolutePath()
              + "; run the bench from the project directory");
    }
    return List.of("@" + file.toAbsolutePath());
  }

  static Path defaultJar() {
    return Path.of(
        System.getProperty(
            "handoff.engine.jar",
            "api" + File.separator + "target" + File.separator + "handoff-engine.jar"));
  }
}
