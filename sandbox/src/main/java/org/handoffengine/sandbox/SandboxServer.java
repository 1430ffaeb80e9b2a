package org.handoffengine.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process HTTP server that plays a platform (Chatwoot or Vapi) on loopback. It records every
 * request, can be told to fail ({@link #faults()}), and can be taken down and brought back on the
 * same port to simulate an outage with refused connections.
 */
public abstract class SandboxServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);

  protected final ObjectMapper json = JsonMapper.builder().build();
  private final Faults faults = new Faults();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
          });
  private HttpServer server;
  private int port;

  /** Starts on a free loopback port. */
  public synchronized SandboxServer start() {
    return start(0);
  }

  public synchronized SandboxServer start(int requestedPort) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("sandbox could not bind port " + requestedPort, e);
    }
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
    port = server.getAddress().getPort();
    return this;
  }

  /** Stops listening: connections are refused until {@link #comeBack()}. State is kept. */
  public synchronized void goDown() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  public synchronized void comeBack() {
    if (server == null) {
      start(port);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Faults faults() {
    return faults;
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String method, String pathPattern) {
    return requests().stream().filter(r -> r.is(method, pathPattern)).toList();
  }

  /**
   * Waits until the condition holds, re-checking after every request the sandbox handles, so tests
   * wait for an effect rather than for a guessed amount of time.
   *
   * @throws AssertionError when it does not hold within {@code timeout}
   */
  public synchronized void awaitUntil(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("sandbox: timed out after " + timeout + " waiting for " + what);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /**
   * Hears every request as it is recorded, with the sandbox's lock held, so a listener must be
   * quick. For load runs: counting from a listener costs nothing per request, while re-reading
   * {@link #requests()} after every request grows with the square of the run.
   *
   * @return what stops the listener
   */
  public Runnable onRequest(Consumer<RecordedRequest> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public boolean anyRequest(Predicate<RecordedRequest> filter) {
    return requests().stream().anyMatch(filter);
  }

  /** Forgets requests and state. */
  public synchronized void reset() {
    requests.clear();
    faults.clear();
    resetState();
  }

  protected abstract void resetState();

  /** Handles one request; called with the sandbox's lock held, so state needs no other guard. */
  protected abstract SandboxResponse handle(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body);

  private void exchange(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Duration latency = faults.latency(method);
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency.toMillis()); // simulated platform latency, outside the lock
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      SandboxResponse response;
      synchronized (this) {
        response = faults.forcedAnswer(method);
        if (response == null) {
          try {
            response = faults.afterEffect(method, handle(method, path, query, headers, body));
          } catch (RuntimeException e) {
            log.warn("sandbox failed on {} {}", method, path, e);
            response = SandboxResponse.status(500, Map.of("error", String.valueOf(e.getMessage())));
          }
        }
        RecordedRequest recorded =
            new RecordedRequest(
                method, path, query, headers, body, response.status(), Instant.now(), receivedAt);
        requests.add(recorded);
        for (Consumer<RecordedRequest> listener : listeners) {
          listener.accept(recorded);
        }
        notifyAll();
      }
      boolean raw = response.body() instanceof SandboxResponse.Raw;
      byte[] bytes =
          response.body() == null
              ? new byte[0]
              : raw
                  ? ((SandboxResponse.Raw) response.body()).bytes()
                  : json.writeValueAsBytes(response.body());
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              raw
                  ? ((SandboxResponse.Raw) response.body()).contentType()
                  : "application/json; charset=utf-8");
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(name, value);
    }
    return query;
  }

  @Override
  public synchronized void close() {
    goDown();
    executor.shutdownNow();
  }
}
