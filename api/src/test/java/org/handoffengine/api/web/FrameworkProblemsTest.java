package org.handoffengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.handoffengine.api.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring MVC refuses before a controller runs (an unknown path, a wrong method, an {@code
 * Accept} or body type it cannot serve) and what reaches the error page are answered as the same
 * problem document as every other refusal: never Boot's JSON error, never Whitelabel HTML, whatever
 * the request accepts.
 */
class FrameworkProblemsTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "Bearer test-api-token";
  private static final String REPORT = "{\"message\":{\"type\":\"status-update\"}}";

  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "application/json", "text/html", "text/html,*/*;q=0.8"})
  void anUnknownPathIsAProblem(String accept) {
    HttpResponse<String> answer = send("GET", "/no-such-path", null, "Accept", accept);

    JsonNode problem = assertProblem(answer, 404);
    assertThat(problem.path("detail").asString()).isEqualTo("nothing is served at this path");
    assertThat(problem.path("instance").asString()).isEqualTo("/no-such-path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/html"})
  void aWrongMethodIsAProblem(String accept) {
    HttpResponse<String> answer =
        send("DELETE", "/webhooks/vapi", null, "Accept", accept, "Authorization", TOKEN);

    assertProblem(answer, 405);
    assertThat(answer.headers().firstValue("Allow")).hasValueSatisfying(a -> a.contains("POST"));
  }

  @Test
  void anUnacceptableAcceptIsAProblem() {
    HttpResponse<String> answer =
        send(
            "POST",
            "/codec/decode",
            "{\"payloads\":[]}",
            "Content-Type",
            "application/json",
            "Accept",
            "text/html",
            "Authorization",
            TOKEN);

    assertProblem(answer, 406);
    HttpResponse<String> webhook =
        send(
            "POST",
            "/webhooks/vapi",
            REPORT,
            "Content-Type",
            "text/plain",
            "Accept",
            "text/html",
            "X-Vapi-Secret",
            "test-vapi-secret");
    assertProblem(webhook, 406);
  }

  /** Plain {@code text/html} is refused first as unacceptable (406): the webhook answers JSON. */
  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/html,*/*;q=0.8"})
  void anUnsupportedContentTypeIsAProblem(String accept) {
    HttpResponse<String> answer =
        send(
            "POST",
            "/webhooks/vapi",
            REPORT,
            "Content-Type",
            "text/plain",
            "Accept",
            accept,
            "X-Vapi-Secret",
            "test-vapi-secret");

    JsonNode problem = assertProblem(answer, 415);
    assertThat(problem.path("detail").asString()).isEqualTo("send the body as application/json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/html"})
  void theErrorPageAskedForDirectlyIsAProblem(String accept) {
    HttpResponse<String> answer = send("GET", "/error", null, "Accept", accept);

    assertThat(answer.body()).doesNotContain("Whitelabel", "<html");
    assertProblem(answer, 404);
  }

  /** Refused by Tomcat before the engine sees it: no Tomcat HTML report either. */
  @ParameterizedTest
  @ValueSource(strings = {"/journeys/..%2F..%2Factuator%2Fenv", "/a%00b"})
  void aUriTomcatRefusesIsAProblem(String path) {
    HttpResponse<String> answer = send("GET", path, null, "Accept", "text/html");

    assertThat(answer.body()).doesNotContain("<html", "Tomcat");
    assertProblem(answer, 400);
  }

  private static JsonNode assertProblem(HttpResponse<String> answer, int status) {
    String request = answer.request().method() + " " + answer.request().uri();
    assertThat(answer.statusCode()).as(request).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .as(request)
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).as(request).isEqualTo(status);
    assertThat(problem.path("title").asString()).as(request).isNotBlank();
    assertThat(problem.path("detail").asString()).as(request).isNotBlank();
    assertThat(problem.has("error")).as("Boot's error JSON: %s", answer.body()).isFalse();
    return problem;
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
