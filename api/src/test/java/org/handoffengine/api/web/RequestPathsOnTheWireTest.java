package org.handoffengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.RawHttp;
import org.handoffengine.api.Reports;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters guarding the controllers decide on the path Spring MVC matches, not on the raw URI
 * Tomcat hands over: {@code ;} parameters and percent-encoded letters reach the same controller, so
 * they need the same token and meet the same body limit. Sent byte by byte over a socket, so the
 * request line is exactly what a hostile sender writes.
 */
class RequestPathsOnTheWireTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theJourneyListNeedsTheTokenWhateverParametersItsPathCarries() {
    for (String path :
        new String[] {
          "/journeys;x?phone=%2B14155550391",
          "/journeys;jsessionid=1?phone=%2B14155550391",
          "/%6aourneys?phone=%2B14155550391",
          "/journey%73?phone=%2B14155550391"
        }) {
      assertUnauthorized(send("GET", path, (byte[]) null));
    }
  }

  @Test
  void aJourneyActionNeedsTheTokenWhateverTheSpellingOfItsPath() {
    String journey = journeyOf("+14155550392");
    for (String path :
        new String[] {
          "/%6aourneys/" + journey + "/call-now",
          "/journeys;x/" + journey + "/call-now",
          "/journeys/" + journey + ";x/call-now",
          "/journeys/" + journey + "/call-now;x"
        }) {
      assertUnauthorized(send("POST", path, "{}", "Content-Type: application/json"));
    }
  }

  @Test
  void theCodecNeedsTheTokenWhateverTheSpellingOfItsPath() {
    for (String path :
        new String[] {"/codec;x/decode", "/%63odec/decode", "/codec;x/default/decode"}) {
      assertUnauthorized(
          send(
              "POST",
              path,
              "{\"payloads\":[]}",
              "Content-Type: application/json",
              "X-Namespace: default"));
    }
  }

  @Test
  void aWebhookPathWithParametersMeetsTheBodyLimit() {
    byte[] body = oversizeReport();
    for (String path : new String[] {"/webhooks;x/vapi", "/%77ebhooks/vapi"}) {
      Answer answer =
          send(
              "POST",
              path,
              body,
              "Content-Type: application/json",
              "X-Vapi-Secret: test-vapi-secret");
      assertThat(answer.status()).as(path).isEqualTo(413);
      assertProblem(answer, 413);
    }
  }

  @Test
  void theJourneyApiMeetsTheBodyLimitToo() {
    Answer answer =
        send(
            "POST",
            "/journeys/" + journeyOf("+14155550393") + "/escalate",
            oversizeReport(),
            "Content-Type: application/json",
            "Authorization: Bearer test-api-token");
    assertThat(answer.status()).isEqualTo(413);
    assertProblem(answer, 413);
  }

  @Test
  void thePanelsHeadersCoverItsPathWithParameters() {
    Answer answer = send("GET", "/chatwoot;x/panel", (byte[]) null);
    assertThat(answer.header("cache-control")).isEqualTo("no-store");
    assertThat(answer.header("content-security-policy")).contains("frame-ancestors");
  }

  // --- Helpers
  // ------------------------------------------------------------------------------------

  private static void assertUnauthorized(Answer answer) {
    assertThat(answer.status()).as(answer.requestLine()).isEqualTo(401);
    assertThat(answer.header("www-authenticate")).as(answer.requestLine()).isEqualTo("Bearer");
    assertProblem(answer, 401);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.header("content-type"))
        .as(answer.requestLine())
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).as(answer.requestLine()).isEqualTo(status);
    assertThat(problem.path("title").asString()).as(answer.requestLine()).isNotBlank();
  }

  /** A well-formed end-of-call report padded past the 1 MB limit. */
  private static byte[] oversizeReport() {
    String report = Reports.endOfCall("call-paths-1", "+14155550394").toString();
    char[] padding = new char[2 * 1024 * 1024];
    Arrays.fill(padding, 'x');
    return report
        .replaceFirst("\\{", "{\"padding\":\"" + new String(padding) + "\",")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Answer send(String method, String target, String body, String... headers) {
    return send(
        method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** One request, its request line exactly {@code method target HTTP/1.1}; the whole answer. */
  private Answer send(String method, String target, byte[] body, String... headers) {
    String requestLine = method + " " + target + " HTTP/1.1";
    StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
    head.append("Connection: close\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try {
      return RawHttp.exchange(
          port,
          head.toString(),
          body == null ? new byte[0] : body,
          answer -> Answer.read(requestLine, answer));
    } catch (IOException e) {
      throw new UncheckedIOException(requestLine, e);
    }
  }

  record Answer(String requestLine, int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    static Answer read(String requestLine, InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException resetAfterTheAnswer) {
        // the server may reset the connection once it has answered a body it did not read
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("an answer to %s: %s", requestLine, text).isPositive();
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(end + 4);
      if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
        body = dechunk(body);
      }
      return new Answer(requestLine, Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String dechunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }
  }
}
