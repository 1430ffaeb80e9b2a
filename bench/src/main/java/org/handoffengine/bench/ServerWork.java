package org.handoffengine.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Temporal server did, from its own Prometheus counters ({@code --metrics-port} of {@code
 * temporal server start-dev}): requests per frontend, history and matching operation, persistence
 * calls per operation and the time they took. A phase's difference divided by the runs it finished
 * says what one journey, one trivial workflow or one bare signal-with-start costs the server, and
 * so where its CPU goes.
 */
final class ServerWork {

  // service_requests{...,operation="X",service_name="frontend"} 12
  private static final Pattern LINE =
      Pattern.compile(
          "^(service_requests|persistence_requests|persistence_latency_sum)\\{(.*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * What the server did through one phase, and the runs it finished (requests acknowledged, or
   * workflows that reached their last step).
   */
  record Phase(Map<String, Double> counters, int runs, double seconds) {
    Phase per(int finished) {
      return new Phase(counters, finished, seconds);
    }

    /** The sum over the keys that start with {@code prefix}, per run. */
    double perRunStartingWith(String prefix) {
      return runs == 0 ? 0 : sumStartingWith(counters, prefix) / runs;
    }

    /** One counter per run; 0 when the phase finished nothing. */
    double perRun(String key) {
      return runs == 0 ? 0 : counters.getOrDefault(key, 0.0) / runs;
    }
  }

  /**
   * Persistence calls a second under which the server counts as idle: its own housekeeping
   * (namespace refreshes, task queue leases) and the bench's pollers come to a few a second.
   */
  static final double IDLE_CALLS_PER_SECOND = 20;

  private static final Duration IDLE_SAMPLE = Duration.ofMillis(500);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI metrics;

  private ServerWork(URI metrics) {
    this.metrics = metrics;
  }

  /** Reads the server at {@code metricsUrl}; empty when the run did not start the server. */
  static Optional<ServerWork> of(Optional<String> metricsUrl) {
    return metricsUrl.map(url -> new ServerWork(URI.create(url)));
  }

  /**
   * The counters now, keyed {@code service operation} for requests and {@code persistence
   * operation} for persistence calls; {@code persistence-ms operation} sums their latency.
   */
  Map<String, Double> snapshot() {
    String text;
    try {
      text =
          http.send(
                  HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    return parse(text);
  }

  /**
   * Waits, at most {@code limit}, until the server has finished what earlier phases left it (the
   * journeys' last workflow tasks, timers and visibility updates after their transcripts): the dev
   * server does all its persistence through one SQLite connection, so leftovers would be charged to
   * the next phase. Returns how long it waited.
   */
  Duration awaitIdle(Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    Map<String, Double> last = snapshot();
    while (System.nanoTime() - start < limit.toNanos()) {
      // The bench waits for another process's work to end, not a test for a workflow.
      Thread.sleep(IDLE_SAMPLE.toMillis());
      Map<String, Double> now = snapshot();
      // A failed read says nothing: it is no idle server.
      if (!last.isEmpty()
          && !now.isEmpty()
          && (persistenceCalls(now) - persistenceCalls(last)) * 1000.0 / IDLE_SAMPLE.toMillis()
              < IDLE_CALLS_PER_SECOND) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      last = now;
    }
    return limit;
  }

  private static double persistenceCalls(Map<String, Double> counters) {
    return sumStartingWith(counters, "persistence ");
  }

  /** The sum over the counters whose key starts with {@code prefix}. */
  static double sumStartingWith(Map<String, Double> counters, String prefix) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** The counters in a Prometheus text exposition, keyed as {@link #snapshot()} keys them. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> counters = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = labels(m.group(2));
      String operation = labels.getOrDefault("operation", "?");
      double value = Double.parseDouble(m.group(3));
      String key =
          switch (m.group(1)) {
            case "service_requests" -> labels.getOrDefault("service_name", "?") + " " + operation;
            case "persistence_requests" -> "persistence " + operation;
            default -> {
              value *= 1000; // seconds, as the server's Prometheus reporter records them
              yield "persistence-ms " + operation;
            }
          };
      counters.merge(key, value, Double::sum);
    }
    return counters;
  }

  /** {@code after − before}, per key, for the keys that moved. */
  static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> moved = new TreeMap<>();
    after.forEach(
        (key, value) -> {
          double delta = value - before.getOrDefault(key, 0.0);
          if (delta > 0) {
            moved.put(key, delta);
          }
        });
    return moved;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }
}
