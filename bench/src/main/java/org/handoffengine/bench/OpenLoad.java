package org.handoffengine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests leave at a constant rate whether or not earlier ones have been
 * answered, and each latency is measured from the moment the request was due, so a slow server
 * shows as slow instead of quietly lowering the load (no coordinated omission).
 */
final class OpenLoad {

  /** What a run measured. */
  record Result(String name, Histogram latencyMicros, int sent, int failed, double seconds) {
    double throughput() {
      return (sent - failed) / seconds;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param request builds the i-th request
   * @param ok whether a response counts as a success
   */
  Result run(String name, int ratePerSecond, Duration duration, IntFunction<HttpRequest> request, IntPredicate ok) {
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicInteger failed = new AtomicInteger();
    ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
    long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    int total = (int) (duration.toNanos() / interval);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest next = request.apply(i);
      inFlight.add(
          http.sendAsync(next, HttpResponse.BodyHandlers.discarding())
              .whenComplete((response, error) -> {
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
                synchronized (latency) {
                  latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                }
                if (error != null || !ok.test(response.statusCode())) {
                  failed.incrementAndGet();
                }
              }));
    }
    inFlight.forEach(f -> f.exceptionally(e -> null).join());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(name, latency, total, failed.get(), seconds);
  }

  static HttpRequest post(URI uri, String body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
