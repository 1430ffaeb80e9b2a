package org.handoffengine.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pattern the engine replaced, for comparison: the webhook itself searches Chatwoot for the
 * caller, creates the contact and opens the conversation, and answers only when Chatwoot has
 * answered all three. It lives here, in the bench process, because the engine never calls a
 * platform from a request; it talks to the same Chatwoot sandbox (same latency, same faults) over
 * HTTP, with 200 request threads like the engine's Tomcat.
 */
final class InlineSeedHandler implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          200,
          r -> {
            Thread thread = new Thread(r, "inline-seed");
            thread.setDaemon(true);
            return thread;
          });
  // Not on the request threads' pool: a request thread blocks on Chatwoot while the client needs a
  // thread of its own to complete the call.
  private final HttpClient chatwoot =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String chatwootBase;
  private final String token;
  private final long inboxId;
  private final String secret;

  InlineSeedHandler(
      String chatwootBaseUrl, long accountId, String token, long inboxId, String secret)
      throws IOException {
    this.chatwootBase = chatwootBaseUrl + "/api/v1/accounts/" + accountId;
    this.token = token;
    this.inboxId = inboxId;
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.createContext("/webhooks/vapi", this::receive);
    server.setExecutor(threads);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/vapi");
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!secret.equals(exchange.getRequestHeaders().getFirst("X-Vapi-Secret"))) {
        answer(exchange, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      JsonNode message = JSON.readTree(body).path("message");
      String phone = message.path("customer").path("number").asString();
      String name = message.path("customer").path("name").asString("Caller");
      String conversation = openConversation(phone, name);
      answer(exchange, 200, "{\"status\":\"accepted\",\"conversation\":" + conversation + "}");
    } catch (IOException | RuntimeException failed) {
      answer(
          exchange,
          502,
          "{\"error\":\"Chatwoot failed: " + failed.getClass().getSimpleName() + "\"}");
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  /** Search, create the contact (with its inbox), create the conversation: three round trips. */
  private String openConversation(String phone, String name)
      throws IOException, InterruptedException {
    JsonNode found =
        call(get("/contacts/search?q=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
            .path("payload");
    String sourceId = null;
    long contactId = -1;
    for (JsonNode contact : found) {
      if (phone.equals(contact.path("phone_number").asString(null))) {
        contactId = contact.path("id").asLong();
        for (JsonNode contactInbox : contact.path("contact_inboxes")) {
          if (contactInbox.path("inbox").path("id").asLong() == inboxId) {
            sourceId = contactInbox.path("source_id").asString();
          }
        }
      }
    }
    if (contactId < 0) {
      JsonNode created =
          call(post(
                  "/contacts",
                  JSON.createObjectNode()
                      .put("inbox_id", inboxId)
                      .put("name", name)
                      .put("phone_number", phone)))
              .path("payload");
      contactId = created.path("contact").path("id").asLong();
      sourceId = created.path("contact_inbox").path("source_id").asString();
    }
    JsonNode conversation =
        call(
            post(
                "/conversations",
                JSON.createObjectNode()
                    .put("source_id", sourceId)
                    .put("inbox_id", inboxId)
                    .put("contact_id", contactId)
                    .put("status", "open")));
    return String.valueOf(conversation.path("id").asLong());
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(chatwootBase + path))
        .header("api_access_token", token)
        .GET()
        .build();
  }

  private HttpRequest post(String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(chatwootBase + path))
        .header("api_access_token", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private JsonNode call(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = chatwoot.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("Chatwoot answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
