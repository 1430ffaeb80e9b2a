package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec server the Temporal UI calls from the browser: the stored history holds ciphertext, and
 * an authorised caller gets it back readable.
 */
class CodecEndpointTest extends EngineTest {

  private static final String UI = "http://localhost:8233";
  private static final String BEARER = "Bearer test-api-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aJourneysStoredHistoryIsCiphertextAndTheCodecEndpointDecodesIt() throws Exception {
    String phone = "+14155550177";
    String journeyId = journeyOf(phone);
    postVapi(Reports.endOfCall("call-codec-1", phone).toString());
    awaitJourney(journeyId, state -> state.conversationId() != null);

    List<Payload> stored = storedPayloads(journeyId);
    assertThat(stored).isNotEmpty();
    assertThat(stored)
        .allSatisfy(
            p ->
                assertThat(p.getMetadataMap().get("encoding").toStringUtf8())
                    .isEqualTo("binary/encrypted"));
    String storedBytes =
        stored.stream()
            .map(p -> p.getData().toString(StandardCharsets.ISO_8859_1))
            .reduce("", String::concat);
    assertThat(storedBytes).doesNotContain("4155550177", "Alex Rivera", "e-bike order 88231");

    HttpResponse<String> decoded =
        codec(
            "/codec/decode",
            payloadsJson(stored),
            "Authorization",
            BEARER,
            "X-Namespace",
            "default");

    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(decoded.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    List<Payload> plain = parse(decoded.body());
    assertThat(plain).hasSameSizeAs(stored);
    String readable =
        plain.stream().map(p -> p.getData().toStringUtf8()).reduce("", String::concat);
    assertThat(readable).contains(phone, "Alex Rivera", "e-bike order 88231");
    assertThat(plain.get(0).getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("json/plain");
  }

  @Test
  void encodeThenDecodeRoundTripsInTheUisShapes() throws Exception {
    Payload original =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(
                ByteString.copyFromUtf8(
                    "{\"customerNumber\":\"+14155550178\",\"transcript\":\"User: where is my order\"}"))
            .build();

    HttpResponse<String> encoded =
        codec("/codec/encode", payloadsJson(List.of(original)), "Authorization", BEARER);

    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(
            JSON.readTree(encoded.body())
                .path("payloads")
                .get(0)
                .path("metadata")
                .has("encryption-key-id"))
        .isTrue();
    Payload sealed = parse(encoded.body()).get(0);
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("+14155550178", "where is my order");

    // The CLI's --codec-endpoint templating puts the namespace in the path.
    HttpResponse<String> decoded =
        codec("/codec/default/decode", encoded.body(), "Authorization", BEARER);

    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(parse(decoded.body())).containsExactly(original);
  }

  @Test
  void aBatchOverTheWebhooksBodyLimitIsStillDecoded() throws Exception {
    // Three payloads near Temporal's 512 KB warning size: past the webhooks' 1 MB, as a long
    // journey's history page can be.
    List<Payload> large = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      large.add(
          Payload.newBuilder()
              .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
              .setData(ByteString.copyFromUtf8("\"" + "x".repeat(500_000) + i + "\""))
              .build());
    }
    HttpResponse<String> encoded =
        codec("/codec/encode", payloadsJson(large), "Authorization", BEARER);
    assertThat(encoded.body().length()).isGreaterThan(1_048_576);

    HttpResponse<String> decoded = codec("/codec/decode", encoded.body(), "Authorization", BEARER);

    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(parse(decoded.body())).containsExactlyElementsOf(large);
  }

  @Test
  void theBrowsersPreflightFromTheUiIsAllowedWithTheHeadersItSends() throws Exception {
    HttpResponse<String> preflight = preflight(UI);

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");
    assertThat(
            preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("content-type", "x-namespace", "authorization");
  }

  @Test
  void anotherOriginIsRefused() throws Exception {
    HttpResponse<String> preflight = preflight("https://evil.example");

    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void withoutTheApiTokenTheCodecAnswers401ThatTheUiCanRead() {
    HttpResponse<String> missing = codec("/codec/decode", "{\"payloads\":[]}", "Origin", UI);
    HttpResponse<String> wrong =
        codec("/codec/decode", "{\"payloads\":[]}", "Origin", UI, "Authorization", "Bearer guess");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(JSON.readTree(missing.body()).path("detail").asString())
        .contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).path("detail").asString())
        .isEqualTo("the API token is wrong");
  }

  @Test
  void aBodyThatIsNotPayloadsIsA400NamingTheShape() {
    HttpResponse<String> response =
        codec("/codec/decode", "{\"payloads\": \"nope\"", "Authorization", BEARER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("{\"payloads\": [...]}");
  }

  private List<Payload> storedPayloads(String journeyId) {
    List<HistoryEvent> events =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(journeyId))
                    .build())
            .getHistory()
            .getEventsList();
    return events.stream()
        .flatMap(
            e -> {
              if (e.hasWorkflowExecutionStartedEventAttributes()) {
                return e
                    .getWorkflowExecutionStartedEventAttributes()
                    .getInput()
                    .getPayloadsList()
                    .stream();
              }
              if (e.hasWorkflowExecutionSignaledEventAttributes()) {
                return e
                    .getWorkflowExecutionSignaledEventAttributes()
                    .getInput()
                    .getPayloadsList()
                    .stream();
              }
              if (e.hasActivityTaskScheduledEventAttributes()) {
                return e
                    .getActivityTaskScheduledEventAttributes()
                    .getInput()
                    .getPayloadsList()
                    .stream();
              }
              if (e.hasActivityTaskCompletedEventAttributes()) {
                return e
                    .getActivityTaskCompletedEventAttributes()
                    .getResult()
                    .getPayloadsList()
                    .stream();
              }
              return java.util.stream.Stream.empty();
            })
        .toList();
  }

  private static String payloadsJson(List<Payload> payloads) throws Exception {
    return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(payloads).build());
  }

  private static List<Payload> parse(String body) throws Exception {
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(body, payloads);
    return payloads.getPayloadsList();
  }

  private HttpResponse<String> codec(String path, String body, String... headers) {
    return post(path, body, headers);
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
