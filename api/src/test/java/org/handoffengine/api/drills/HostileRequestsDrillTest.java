package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.RawHttp;
import org.handoffengine.api.Reports;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.workflows.journey.JourneyIds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drill: 1,000 malformed or hostile requests. Each is answered 4xx, none starts a journey or
 * reaches Chatwoot, and afterwards the engine is healthy and turns a valid report into a
 * conversation.
 */
@Drill
class HostileRequestsDrillTest extends EngineTest {

  private static final int REQUESTS = 1000;
  private static final String SECRET = "test-vapi-secret";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<String> phones = Callers.block(630, REQUESTS);
  private final Random random = new Random(1000);

  /**
   * One hostile request: what kind it is, and how to send it (answering the status, -1 for none).
   */
  record Hostile(String kind, Supplier<Integer> send) {}

  @Test
  void aThousandMalformedOrHostileRequestsAreEachRefusedAndStartNothing() {
    List<Hostile> barrage = barrage();
    assertThat(barrage).hasSize(REQUESTS);

    List<Integer> statuses = Concurrently.map(barrage, 8, hostile -> hostile.send().get());

    Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      byKind
          .computeIfAbsent(barrage.get(i).kind(), k -> new TreeMap<>())
          .merge(statuses.get(i), 1, Integer::sum);
    }
    System.out.println("Hostile requests drill, answers by kind: " + byKind);
    assertThat(statuses)
        .as("answers by kind: %s", byKind)
        .allSatisfy(status -> assertThat(status).isBetween(400, 499));
    assertThat(byKind).isEqualTo(expectedAnswers());

    for (int i = 0; i < REQUESTS; i++) {
      assertThat(exists(journeyOf(phones.get(i)))).as("journey of hostile request %d", i).isFalse();
      assertThat(exists(JourneyIds.forAnonymousCall("hostile-" + i)))
          .as("anonymous journey of hostile request %d", i)
          .isFalse();
    }
    assertThat(
            CHATWOOT.requests().stream()
                .filter(
                    r ->
                        r.body().contains("+1415630") || r.query().toString().contains("+1415630")))
        .as("Chatwoot requests about hostile callers")
        .isEmpty();

    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
    String phone = Callers.block(631, 1).get(0);
    assertThat(postVapi(Reports.endOfCall("after-the-barrage", phone).toString()).statusCode())
        .isEqualTo(200);
    CHATWOOT.awaitUntil(
        "the valid report's three messages",
        () -> ChatwootTally.of(CHATWOOT, List.of(phone)).messages() >= 3,
        PATIENCE);
    assertThat(ChatwootTally.of(CHATWOOT, List.of(phone)))
        .isEqualTo(ChatwootTally.exactlyOnce(1, 3));
  }

  private static Map<String, Map<Integer, Integer>> expectedAnswers() {
    Map<String, Map<Integer, Integer>> expected = new TreeMap<>();
    expected.put("a truncated JSON", Map.of(400, 200));
    expected.put("b wrong types", Map.of(400, 150));
    expected.put("c 10 MB body, announced", Map.of(413, 7));
    expected.put("c 10 MB body, chunked", Map.of(413, 6));
    expected.put("c 10 MB body, no credential", Map.of(413, 7));
    expected.put("d deep nesting", Map.of(400, 50));
    expected.put("e bad credential", Map.of(401, 300));
    expected.put("f chatwoot webhook", Map.of(400, 20, 401, 60));
    // 0 bare CR before a smuggled secret, 2 NUL, 3 two lengths, 4 space before the colon, 5 bad
    // character in a header name, 7 CR in the request line, 8 a 20 KB header, 9 two Host headers:
    // refused as malformed. 1 folded line, 6 encoded CRLF in the query: parsed, no credential.
    for (int variant = 0; variant < 10; variant++) {
      expected.put(
          "g header injection " + variant, Map.of(variant == 1 || variant == 6 ? 401 : 400, 10));
    }
    expected.put("h journey API", Map.of(400, 25, 401, 75));
    return expected;
  }

  private List<Hostile> barrage() {
    List<Hostile> barrage = new ArrayList<>();
    add(
        barrage,
        200,
        "a truncated JSON",
        i -> {
          String body = report(i);
          return () ->
              vapi(body.substring(0, 1 + random(body.length() - 1)), "X-Vapi-Secret", SECRET);
        });
    add(
        barrage,
        150,
        "b wrong types",
        i -> {
          String body = wrongType(i).toString();
          return () -> vapi(body, "X-Vapi-Secret", SECRET);
        });
    addVariants(barrage, 20, i -> tenMegabytes(i));
    add(
        barrage,
        50,
        "d deep nesting",
        i -> {
          String body =
              i % 2 == 0
                  ? "{\"message\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"
                  : deeplyNestedReport(i);
          return () -> vapi(body, "X-Vapi-Secret", SECRET);
        });
    add(barrage, 300, "e bad credential", i -> badCredential(i));
    add(barrage, 80, "f chatwoot webhook", i -> chatwoot(i));
    addVariants(barrage, 100, i -> headerInjection(i));
    add(barrage, 100, "h journey API", i -> journeyApi(i));
    return barrage;
  }

  private void add(
      List<Hostile> barrage, int count, String kind, IntFunction<Supplier<Integer>> request) {
    for (int n = 0; n < count; n++) {
      barrage.add(new Hostile(kind, request.apply(barrage.size())));
    }
  }

  /** For kinds whose variants are worth telling apart in the answers. */
  private void addVariants(List<Hostile> barrage, int count, IntFunction<Hostile> request) {
    for (int n = 0; n < count; n++) {
      barrage.add(request.apply(barrage.size()));
    }
  }

  // --- The kinds of hostile request
  // ---------------------------------------------------------------

  private ObjectNode wrongType(int i) {
    ObjectNode envelope = (ObjectNode) Reports.endOfCall("hostile-" + i, phones.get(i)).json();
    ObjectNode message = (ObjectNode) envelope.get("message");
    ObjectNode call = (ObjectNode) message.get("call");
    switch (i % 15) {
      case 0 -> envelope.put("message", "end-of-call-report");
      case 1 -> envelope.put("message", 42);
      case 2 -> envelope.set("message", NODES.arrayNode().add(message));
      case 3 -> envelope.put("message", true);
      case 4 -> envelope.putNull("message");
      case 5 -> message.put("type", 7);
      case 6 -> message.set("type", NODES.objectNode().put("type", "end-of-call-report"));
      case 7 -> message.set("type", NODES.arrayNode().add("end-of-call-report"));
      case 8 -> message.put("type", false);
      case 9 -> message.put("call", "a call");
      case 10 -> message.put("call", 12);
      case 11 -> message.set("call", NODES.arrayNode().add(call));
      case 12 -> call.set("id", NODES.objectNode().put("id", "hostile-" + i));
      case 13 -> call.set("id", NODES.arrayNode().add(1).add(2));
      default -> {
        ((ObjectNode) message.get("customer")).put("number", true);
        ((ObjectNode) call.get("customer")).put("number", true);
      }
    }
    return envelope;
  }

  private String deeplyNestedReport(int i) {
    ObjectNode envelope = (ObjectNode) Reports.endOfCall("hostile-" + i, phones.get(i)).json();
    String body = envelope.toString();
    String nested = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    return body.replace("\"successEvaluation\"", "\"deep\":" + nested + ",\"successEvaluation\"");
  }

  private Hostile tenMegabytes(int i) {
    byte[] body = new byte[10 * 1024 * 1024];
    byte[] start =
        ("{\"message\":{\"type\":\"end-of-call-report\",\"call\":{\"id\":\"hostile-"
                + i
                + "\"},\"junk\":\"")
            .getBytes(StandardCharsets.UTF_8);
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(start, 0, body, 0, start.length);
    return switch (i % 3) {
      case 0 ->
          new Hostile(
              "c 10 MB body, announced",
              () ->
                  RawHttp.send(
                      port,
                      vapiHead("Content-Length: " + body.length, "X-Vapi-Secret: " + SECRET),
                      body));
      case 1 ->
          new Hostile(
              "c 10 MB body, chunked",
              () ->
                  RawHttp.send(
                      port,
                      vapiHead("Transfer-Encoding: chunked", "X-Vapi-Secret: " + SECRET),
                      chunked(body)));
      default ->
          new Hostile(
              "c 10 MB body, no credential",
              () -> RawHttp.send(port, vapiHead("Content-Length: " + body.length), body));
    };
  }

  private Supplier<Integer> badCredential(int i) {
    String body = report(i);
    String now = String.valueOf(Instant.now().getEpochSecond());
    String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
    return switch (i % 5) {
      case 0 -> () -> vapi(body, "X-Vapi-Secret", SECRET + "x");
      case 1 -> () -> vapi(body, "Authorization", "Bearer not-" + SECRET);
      case 2 -> () -> vapi(body, "x-signature", randomHex(), "x-timestamp", now);
      case 3 ->
          () ->
              vapi(
                  body,
                  "x-signature",
                  WebhookSignatures.hexHmacSha256(
                      SECRET, stale, body.getBytes(StandardCharsets.UTF_8)),
                  "x-timestamp",
                  stale);
      default -> () -> vapi(body);
    };
  }

  private Supplier<Integer> chatwoot(int i) {
    String body =
        "{\"event\":\"message_created\",\"id\":"
            + i
            + ",\"content\":\"call "
            + phones.get(i)
            + "\",\"message_type\":\"incoming\"}";
    String now = String.valueOf(Instant.now().getEpochSecond());
    return switch (i % 4) {
      case 0 -> () -> post("/webhooks/chatwoot", body).statusCode();
      case 1 -> () -> post("/webhooks/chatwoot?token=wrong", body).statusCode();
      case 2 ->
          () ->
              post(
                      "/webhooks/chatwoot",
                      body,
                      "X-Chatwoot-Signature",
                      "sha256=" + randomHex(),
                      "X-Chatwoot-Timestamp",
                      now)
                  .statusCode();
      // The bot's target: its signing secret is not configured, so the token gets the body read.
      default ->
          () ->
              post(
                      "/webhooks/chatwoot/accounts/1/bot?token=test-chatwoot-secret",
                      body.substring(0, body.length() / 2))
                  .statusCode();
    };
  }

  /** Malformed header lines that a lax parser could read as the secret, or as a second request. */
  private Hostile headerInjection(int i) {
    String body = report(i);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String length = "Content-Length: " + bytes.length;
    String head =
        switch (i % 10) {
          case 0 -> vapiHead(length, "X-Note: a\rX-Vapi-Secret: " + SECRET);
          case 1 -> vapiHead(length, "X-Vapi-Secret: wrong", " " + SECRET);
          case 2 -> vapiHead(length, "X-Vapi-Secret: " + SECRET + "\0");
          case 3 -> vapiHead("Content-Length: 10", length, "X-Vapi-Secret: " + SECRET);
          case 4 -> vapiHead(length, "X-Vapi-Secret : " + SECRET);
          case 5 -> vapiHead(length, "X-Vapi(Secret: " + SECRET);
          case 6 ->
              "POST /webhooks/vapi?x=%0d%0aX-Vapi-Secret:%20"
                  + SECRET
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + length
                  + "\r\n\r\n";
          case 7 ->
              "POST /webhooks/vapi?x=a\rX-Vapi-Secret: "
                  + SECRET
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + length
                  + "\r\n\r\n";
          case 8 -> vapiHead(length, "X-Vapi-Secret: " + SECRET, "X-Junk: " + "j".repeat(20_000));
          default -> vapiHead(length, "Host: evil.example", "X-Vapi-Secret: " + SECRET);
        };
    return new Hostile("g header injection " + i % 10, () -> RawHttp.send(port, head, bytes));
  }

  private Supplier<Integer> journeyApi(int i) {
    String journey = journeyOf(phones.get(i));
    return switch (i % 4) {
      case 0 -> () -> get("/journeys/" + journey).statusCode();
      case 1 ->
          () ->
              get(
                      "/journeys/" + journey + "/actions",
                      "Authorization",
                      "Bearer test-api-token' OR '1'='1")
                  .statusCode();
      case 2 ->
          () -> post("/journeys/" + journey + "/escalate", "{\"reason\":\"hostile\"}").statusCode();
      default ->
          () ->
              get("/journeys/..%2F..%2Factuator%2Fenv", "Authorization", "Bearer test-api-token")
                  .statusCode();
    };
  }

  // --- Helpers
  // ------------------------------------------------------------------------------------

  private String report(int i) {
    return Reports.endOfCall("hostile-" + i, phones.get(i)).toString();
  }

  private int vapi(String body, String... headers) {
    return post("/webhooks/vapi", body, headers).statusCode();
  }

  private static String vapiHead(String... headers) {
    return "POST /webhooks/vapi HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + String.join("\r\n", headers)
        + "\r\n\r\n";
  }

  private static byte[] chunked(byte[] body) {
    var out = new ByteArrayOutputStream(body.length + 1024);
    int chunk = 256 * 1024;
    for (int offset = 0; offset < body.length; offset += chunk) {
      int n = Math.min(chunk, body.length - offset);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, offset, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private synchronized int random(int bound) {
    return random.nextInt(bound);
  }

  private synchronized String randomHex() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private boolean exists(String journeyId) {
    try {
      temporal
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(temporal.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(journeyId))
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
