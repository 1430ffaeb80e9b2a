package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.sandbox.ChatwootDeliveries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The api role while no worker runs the journeys (down, or backlogged): a journey's updates are
 * never taken in. The journey API answers 503 with {@code Retry-After} once {@code
 * handoff.temporal.update-deadline} has passed, as does the Chatwoot webhook of an unassigned
 * conversation, and the Vapi escalate tool says the request could not be recorded, instead of
 * holding the request (and a Tomcat thread) for as long as the worker stays away.
 */
class UpdateDeadlineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PHONE = "+14155550177";

  /** Far beyond the deadline: a client still waiting then would wait for ever. */
  private static final Duration HANGING = Duration.ofSeconds(15);

  private final EngineRoles roles = new EngineRoles(HANGING);

  @AfterEach
  void stopEverything() throws Exception {
    roles.close();
  }

  @Test
  void anUpdateNoWorkerTakesInIsAnswered503WithRetryAfterAtTheDeadline() throws Exception {
    ConfigurableApplicationContext api = apiRoleWithoutWorker();
    String journeyId = api.getBean(CustomerJourneys.class).newId(null, PHONE);
    HttpResponse<String> report =
        roles.post(
            api,
            "/webhooks/vapi",
            Reports.endOfCall("call-deadline-1", PHONE).toString(),
            "X-Vapi-Secret",
            "test-vapi-secret");
    assertThat(report.statusCode()).as("a signal needs no worker").isEqualTo(200);

    long started = System.nanoTime();
    HttpResponse<String> stop =
        roles.post(
            api,
            "/journeys/" + journeyId + "/follow-ups/stop",
            "{\"agent\":\"Sam Ortiz\"}",
            "Authorization",
            "Bearer test-api-token");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(stop.statusCode()).isEqualTo(503);
    assertThat(stop.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(stop.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(stop.body()).path("detail").asString())
        .contains("Temporal", "unavailable");
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));

    started = System.nanoTime();
    HttpResponse<String> tool =
        roles.post(
            api,
            "/webhooks/vapi",
            escalateTool("call-deadline-live-1", "t-escalate-1"),
            "X-Vapi-Secret",
            "test-vapi-secret");
    took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(tool.statusCode()).as("Vapi reads only a 200's tool results").isEqualTo(200);
    JsonNode result = JSON.readTree(tool.body()).path("results").get(0);
    assertThat(result.path("toolCallId").asString()).isEqualTo("t-escalate-1");
    assertThat(result.toString()).contains("could not be recorded right now");
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));

    started = System.nanoTime();
    String unassigned = unassigned(journeyId).toString();
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    HttpResponse<String> webhook =
        roles.post(
            api,
            "/webhooks/chatwoot",
            unassigned,
            "X-Chatwoot-Signature",
            "sha256=" + ChatwootDeliveries.sign("test-chatwoot-signing", timestamp, unassigned),
            "X-Chatwoot-Timestamp",
            timestamp,
            "X-Chatwoot-Delivery",
            "delivery-deadline-1");
    took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(webhook.statusCode()).as("Chatwoot's unassign, handed back").isEqualTo(503);
    assertThat(webhook.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
  }

  /** Chatwoot's conversation_updated when the agent is taken off the journey's conversation. */
  private static ObjectNode unassigned(String journeyId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("event", "conversation_updated");
    event.put("id", 4242);
    event.putObject("account").put("id", 1);
    event.putObject("custom_attributes").put("handoff_journey_id", journeyId);
    ObjectNode change = event.putArray("changed_attributes").addObject().putObject("assignee_id");
    change.put("previous_value", 3);
    change.putNull("current_value");
    return event;
  }

  /** A tool-calls message asking for a person, from the caller's live call. */
  private static String escalateTool(String callId, String toolCallId) {
    ObjectNode message = JSON.createObjectNode();
    message.put("timestamp", Instant.now().toEpochMilli());
    message.put("type", "tool-calls");
    message.putObject("customer").put("number", PHONE);
    ObjectNode call = message.putObject("call");
    call.put("id", callId);
    call.put("type", "inboundPhoneCall");
    call.put("status", "in-progress");
    call.putObject("customer").put("number", PHONE);
    ObjectNode escalate = message.putArray("toolCallList").addObject();
    escalate.put("id", toolCallId);
    escalate.put("name", "escalateToHuman");
    escalate.putObject("arguments").put("reason", "caller is upset");
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("message", message);
    return envelope.toString();
  }

  /** An engine with only the api role, on a Temporal service no worker polls. */
  private ConfigurableApplicationContext apiRoleWithoutWorker() throws IOException {
    List<String> settings = new ArrayList<>(roles.testServer());
    settings.addAll(
        List.of(
            "--handoff.roles=api",
            "--handoff.temporal.update-deadline=PT1S",
            "--handoff.chatwoot.base-url=http://127.0.0.1:9",
            "--handoff.chatwoot.inbox-id=7",
            "--server.port=0"));
    return roles.engine(settings);
  }
}
