package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator sees of a running engine: health, Prometheus metrics, JSON logs. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BEARER = "Bearer test-api-token";

  @Test
  void readinessIncludesTheTemporalConnection() {
    HttpResponse<String> readiness = get("/actuator/health/readiness");
    HttpResponse<String> liveness = get("/actuator/health/liveness");

    assertThat(readiness.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(readiness.body());
    assertThat(body.path("status").asString()).isEqualTo("UP");
    assertThat(body.path("components").path("temporal").path("status").asString()).isEqualTo("UP");
    assertThat(liveness.statusCode()).isEqualTo(200);
  }

  @Test
  void aJourneyShowsInTheEnginesAndTemporalsMetricsAndInJsonLogsWithoutItsTranscript(
      CapturedOutput output) {
    String phone = "+14155550166";
    String journeyId = journeyOf(phone);

    postVapi(Reports.endOfCall("call-obs-1", phone).toString());
    awaitJourney(journeyId, state -> state.conversationId() != null);
    assertThat(
            post(
                    "/journeys/" + journeyId + "/escalate",
                    "{\"reason\":\"wants a person\"}",
                    "Authorization",
                    BEARER)
                .statusCode())
        .isEqualTo(202);
    awaitJourney(journeyId, state -> state.stage() == JourneyStage.ESCALATED);

    String metrics = get("/actuator/prometheus", "Authorization", BEARER).body();
    assertThat(metricLines(metrics, "handoff_webhooks_received_total"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "platform=\"vapi\"",
                        "type=\"end-of-call-report\"",
                        "outcome=\"accepted\""));
    // Counters from inside journeys reach Micrometer on Temporal's metrics flush (every 10 s).
    metrics = awaitMetrics(m -> !metricLines(m, "handoff_escalations_total").isEmpty());
    assertThat(metricLines(metrics, "handoff_journeys_started_total")).isNotEmpty();
    assertThat(metricLines(metrics, "handoff_escalations_total"))
        .anySatisfy(l -> assertThat(l).contains("source=\"api\""));
    // Chatwoot and Vapi calls by status, from the platform clients.
    assertThat(metricLines(metrics, "http_client_requests_seconds_count"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "method=\"POST\"",
                        "status=\"200\"",
                        "uri=\"/api/v1/accounts/{accountId}/conversations\""));
    // The Temporal SDK's own metrics, bridged into Micrometer.
    assertThat(metricLines(metrics, "temporal_")).isNotEmpty();

    List<String> lines =
        Arrays.stream(output.getOut().split("\\R")).filter(l -> l.startsWith("{")).toList();
    assertThat(lines)
        .anySatisfy(
            line -> {
              JsonNode entry = JSON.readTree(line);
              assertThat(entry.path("message").asString()).contains("recorded on journey");
              assertThat(entry.path("journeyId").asString()).isEqualTo(journeyId);
              assertThat(entry.path("callId").asString()).isEqualTo("call-obs-1");
            });
    assertThat(lines)
        .filteredOn(line -> line.contains(journeyId))
        .allSatisfy(
            line ->
                assertThat(JSON.readTree(line).path("journeyId").asString()).isEqualTo(journeyId));
    String everything = output.getAll();
    assertThat(everything)
        .doesNotContain(
            "e-bike order 88231",
            "test-api-token",
            "test-chatwoot-token",
            "test-vapi-secret",
            "test-vapi-key")
        // Log lines name the journey by its id, which names the customer by a keyed hash.
        .doesNotContain(phone, phone.substring(1), "test-privacy-id-key");
  }

  @Test
  void theMetricsAnswerOnlyToTheApiTokenAndHealthToEveryone() {
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/metrics/jvm.threads.live").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(get("/actuator/prometheus", "Authorization", BEARER).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  private String awaitMetrics(java.util.function.Predicate<String> until) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String metrics = get("/actuator/prometheus", "Authorization", BEARER).body();
    while (!until.test(metrics) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      metrics = get("/actuator/prometheus", "Authorization", BEARER).body();
    }
    return metrics;
  }

  private static List<String> metricLines(String exposition, String prefix) {
    return exposition.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
