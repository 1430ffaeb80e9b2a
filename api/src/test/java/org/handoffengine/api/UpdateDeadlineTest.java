package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.sandbox.ChatwootDeliveries;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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

  /**
   * Chatwoot's conversation_updated when the agent is taken off the journey's conversation: its
   * reference sample ({@code ../shared/contracts}), naming this journey, with its assignment turned
   * into a removal.
   */
  private static ObjectNode unassigned(String journeyId) throws IOException {
    ObjectNode event =
        (ObjectNode)
            sample(
                SharedContracts.chatwootSamples(), "chatwoot", "webhook.conversation_updated.json");
    ((ObjectNode) event.path("custom_attributes")).put("handoff_journey_id", journeyId);
    JsonNode assigned = event.path("changed_attributes").get(0).path("assignee_id");
    ObjectNode removal = event.putArray("changed_attributes").addObject().putObject("assignee_id");
    removal.set("previous_value", assigned.path("current_value"));
    removal.putNull("current_value");
    return event;
  }

  /**
   * A tool-calls message asking for a person, from the caller's live call: Vapi's reference sample
   * with its first tool call made the engine's escalate tool, on the default route.
   */
  private static String escalateTool(String callId, String toolCallId) throws IOException {
    ObjectNode envelope =
        (ObjectNode)
            sample(SharedContracts.vapiSamples(), "vapi", "server-message.tool-calls.json");
    ObjectNode message = (ObjectNode) envelope.path("message");
    message.put("timestamp", Instant.now().toEpochMilli());
    message.remove(List.of("phoneNumber", "assistant", "toolWithToolCallList"));
    ((ObjectNode) message.path("customer")).put("number", PHONE);
    ObjectNode call = (ObjectNode) message.path("call");
    call.put("id", callId);
    call.remove(List.of("phoneNumberId", "assistantId"));
    ((ObjectNode) call.path("customer")).put("number", PHONE);
    ObjectNode escalate = (ObjectNode) message.path("toolCallList").get(0).deepCopy();
    escalate.put("id", toolCallId);
    ((ObjectNode) escalate.path("function"))
        .put("name", "escalateToHuman")
        .put("arguments", JSON.createObjectNode().put("reason", "caller is upset").toString());
    message.putArray("toolCallList").add(escalate);
    return envelope.toString();
  }

  private static JsonNode sample(Optional<Path> samples, String platform, String name)
      throws IOException {
    Assumptions.assumeTrue(
        samples.isPresent(),
        "../shared/contracts/"
            + platform
            + "/samples is absent (it sits beside the repo in CI, not in a user's clone); skipping the update-deadline test");
    return JSON.readTree(samples.get().resolve(name).toFile());
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
