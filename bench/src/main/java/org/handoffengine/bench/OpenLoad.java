package org.handoffengine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests leave at a constant rate whether or not earlier ones have been
 * answered, and each latency is measured from the moment the request was due, so a slow server
 * shows as slow instead of quietly lowering the load (no coordinated omission). {@link #saturate}
 * is the closed-model counterpart that finds how many requests per second an endpoint can take.
 */
final class OpenLoad {

  /** What a run measured. */
  record Result(String name, Histogram latencyMicros, int sent, int failed, double seconds) {
    double throughput() {
      return (sent - failed) / seconds;
    }

    double millis(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  /** Builds the i-th request, due at {@code dueNanos} on {@link System#nanoTime()}. */
  @FunctionalInterface
  interface Requests {
    HttpRequest build(int i, long dueNanos);
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private int sequence;

  /**
   * @param ok whether a response counts as a success
   */
  Result run(String name, int ratePerSecond, Duration duration, Requests request, IntPredicate ok) {
    return run(
        name,
        ratePerSecond,
        duration,
        (i, due) ->
            http.sendAsync(request.build(i, due), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> ok.test(response.statusCode())));
  }

  /**
   * One asynchronous operation of a load, such as a gRPC call to Temporal: completes true on
   * success.
   */
  @FunctionalInterface
  interface Calls {
    CompletableFuture<Boolean> call(int i, long dueNanos);
  }

  /** One blocking operation of a closed-model load: true on success. */
  @FunctionalInterface
  interface BlockingCalls {
    boolean call(int i, long dueNanos) throws Exception;
  }

  /** The open model for any operation, so a baseline without HTTP is measured the same way. */
  Result run(String name, int ratePerSecond, Duration duration, Calls calls) {
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
      CompletableFuture<Boolean> call;
      try {
        call = calls.call(nextIndex(), due);
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      inFlight.add(
          call.whenComplete(
              (success, error) -> {
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
                synchronized (latency) {
                  latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                }
                if (error != null || !Boolean.TRUE.equals(success)) {
                  failed.incrementAndGet();
                }
              }));
    }
    inFlight.forEach(f -> f.exceptionally(e -> null).join());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(name, latency, total, failed.get(), seconds);
  }

  /**
   * Closed model: {@code concurrency} senders, each sending its next request as soon as the last is
   * answered, for {@code duration}. The throughput is what the endpoint sustains with that many
   * requests in flight; latencies are service times.
   */
  Result saturate(
      String name, int concurrency, Duration duration, Requests request, IntPredicate ok) {
    return saturate(
        name,
        concurrency,
        duration,
        (i, due) ->
            ok.test(
                http.send(request.build(i, due), HttpResponse.BodyHandlers.discarding())
                    .statusCode()));
  }

  /** The closed model for any blocking operation. */
  Result saturate(String name, int concurrency, Duration duration, BlockingCalls calls) {
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < concurrency; s++) {
      Thread sender =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long due = System.nanoTime();
                  boolean success;
                  try {
                    success = calls.call(nextIndex(), due);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (Exception e) {
                    success = false;
                  }
                  long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
                  synchronized (latency) {
                    latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                  }
                  sent.incrementAndGet();
                  if (!success) {
                    failed.incrementAndGet();
                  }
                }
              },
              "saturate-" + s);
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      try {
        sender.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(name, latency, sent.get(), failed.get(), seconds);
  }

  /** Indices keep growing across runs, so ids built from them (call ids, numbers) never repeat. */
  private synchronized int nextIndex() {
    return sequence++;
  }

  static HttpRequest post(URI uri, String body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
