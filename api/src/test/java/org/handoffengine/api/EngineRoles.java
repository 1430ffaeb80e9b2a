package org.handoffengine.api;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Engines started as their own applications, one role each as a deployment runs them, with the
 * services they use; closed together, the last started first. And HTTP to their ports.
 */
final class EngineRoles implements AutoCloseable {

  private final List<AutoCloseable> running = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Duration requestTimeout;

  /**
   * @param requestTimeout how long a request may wait for its answer, or null for no limit
   */
  EngineRoles(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** Closed with the engines. */
  <T extends AutoCloseable> T add(T service) {
    running.add(service);
    return service;
  }

  /** The SDK's test server on a free port, as the settings that point an engine at it. */
  List<String> testServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    add(TestServer.createPortBoundServer(port));
    return List.of("--spring.temporal.connection.target=127.0.0.1:" + port);
  }

  /**
   * An engine of the test profile with {@code settings} as command-line arguments: they outrank
   * application.yaml, as the environment does in a deployment.
   */
  ConfigurableApplicationContext engine(List<String> settings) {
    return add(
        new SpringApplicationBuilder(HandoffEngineApplication.class)
            .profiles("test")
            .run(settings.toArray(String[]::new)));
  }

  HttpResponse<String> post(
      ConfigurableApplicationContext engine, String path, String body, String... headers)
      throws Exception {
    return send(
        HttpRequest.newBuilder(uri(engine, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  HttpResponse<String> get(ConfigurableApplicationContext engine, String path, String... headers)
      throws Exception {
    return send(HttpRequest.newBuilder(uri(engine, path)).GET(), headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers)
      throws Exception {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (requestTimeout != null) {
      request.timeout(requestTimeout);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ConfigurableApplicationContext engine, String path) {
    return URI.create(
        "http://127.0.0.1:" + engine.getEnvironment().getProperty("local.server.port") + path);
  }

  @Override
  public void close() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }
}
