package org.handoffengine.api.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chatwoot's webhook bodies as Chatwoot sends them ({@code ../shared/contracts/chatwoot/samples/
 * webhook.*}, {@code agent-bot.*}, built from its listeners and presenters), delivered verbatim and
 * signed to the engine's webhook while the samples' journey runs: each must give the signal (or the
 * deliberate "ignored") its meaning calls for. And the one complete signed delivery verifies with
 * its secret at its own time, and no later than Chatwoot's advised window. Skips where {@code
 * ../shared} is absent.
 */
class ChatwootWebhookSamplesTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "test-chatwoot-secret";
  private static final String PHONE = "+15555550142";
  private static final String SAMPLE_JOURNEY = "journey-+15555550142";

  /**
   * Sample → the answer: "status signal-or-reason". In this order: the resolution ends the journey
   * last.
   */
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("webhook.conversation_created.json", "ignored not an event journeys follow");
    EXPECTED.put("webhook.conversation_updated.json", "ignored no assignee was removed");
    EXPECTED.put(
        "webhook.message_created.outgoing-api-engine.json", "ignored the engine's own message");
    EXPECTED.put("webhook.message_created.private-note-api-engine.json", "ignored private note");
    EXPECTED.put("webhook.message_created.private-note.json", "ignored private note");
    EXPECTED.put(
        "webhook.message_created.outgoing-agent-bot.json",
        "ignored outgoing message from agent_bot");
    EXPECTED.put("agent-bot.conversation_resolved.json", "ignored not an event journeys follow");
    EXPECTED.put("webhook.message_created.incoming.json", "accepted customerReplied");
    EXPECTED.put("webhook.message_created.outgoing-agent.json", "accepted agentReplied");
    EXPECTED.put(
        "webhook.conversation_status_changed.open.json", "accepted conversationStatusChanged");
    EXPECTED.put(
        "webhook.conversation_status_changed.resolved.json", "accepted conversationStatusChanged");
  }

  @Test
  void everyWebhookSampleGivesTheSignalItsMeaningCallsFor() throws IOException {
    Path samples = assumeSamples();
    assertThat(EXPECTED.keySet())
        .as("every webhook sample has its expected answer here")
        .containsExactlyInAnyOrderElementsOf(named(samples, "webhook.", "agent-bot."));
    assertThat(
            postVapi(Reports.endOfCall("0f9e3c2a-6b1d-4d7e-9a55-2c8e41b7d903", PHONE).toString())
                .statusCode())
        .isEqualTo(200);
    String journey = journeyOf(PHONE);
    awaitJourney(journey, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);

    for (var expected : EXPECTED.entrySet()) {
      String name = expected.getKey();
      // The samples name their journey as ids were once written (journey-<number>); this engine
      // names it by a keyed hash of the number, so the conversation's attribute carries that.
      String body = Files.readString(samples.resolve(name)).replace(SAMPLE_JOURNEY, journey);
      HttpResponse<String> response =
          name.startsWith("agent-bot.")
              ? post(
                  "/webhooks/chatwoot/accounts/1/bot?token=" + TOKEN,
                  body,
                  "X-Chatwoot-Delivery",
                  UUID.randomUUID().toString())
              : deliverSigned(body);
      assertThat(response.statusCode()).as(name).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body());
      String status = answer.path("status").asString();
      String outcome =
          status
              + " "
              + ("accepted".equals(status)
                  ? answer.path("signal").asString()
                  : answer.path("reason").asString());
      assertThat(outcome).as(name).startsWith(expected.getValue());
      if ("accepted".equals(status)) {
        assertThat(answer.path("journeyId").asString()).as(name).isEqualTo(journey);
      }
    }
    System.out.printf(
        "Chatwoot webhook samples through the webhook controller: %d%n", EXPECTED.size());
  }

  @Test
  void theSignedDeliverySampleVerifiesWithItsSecretInsideTheWindowOnly() throws IOException {
    Path samples = assumeSamples();
    JsonNode delivery =
        JSON.readTree(Files.readString(samples.resolve("webhook-delivery.signed.json")));
    byte[] body = delivery.path("raw_body").asString().getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    delivery
        .path("headers")
        .properties()
        .forEach(h -> headers.add(h.getKey(), h.getValue().asString()));
    long account = JSON.readTree(body).path("account").path("id").asLong();
    Instant signedAt =
        Instant.ofEpochSecond(Long.parseLong(headers.getFirst("X-Chatwoot-Timestamp")));
    ChatwootTarget target = new ChatwootTarget(account, false);

    assertThatCode(
            () ->
                authenticator(account, delivery.path("secret").asString(), signedAt.plusSeconds(30))
                    .authenticate(target, headers, null, body))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                authenticator(
                        account, delivery.path("secret").asString(), signedAt.plusSeconds(600))
                    .authenticate(target, headers, TOKEN, body))
        .as("ten minutes later, even with the token")
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () ->
                authenticator(account, "another-secret", signedAt)
                    .authenticate(target, headers, TOKEN, body))
        .as("another key")
        .isInstanceOf(RuntimeException.class);
  }

  private static ChatwootWebhookAuthenticator authenticator(
      long account, String secret, Instant now) {
    ChatwootProperties properties =
        new ChatwootProperties(
            java.net.URI.create("https://chatwoot.example.com"),
            "token",
            account,
            12L,
            TOKEN,
            null,
            Map.of(account, new ChatwootProperties.Signing(secret, null)),
            null,
            90);
    return new ChatwootWebhookAuthenticator(properties, Clock.fixed(now, ZoneOffset.UTC));
  }

  private HttpResponse<String> deliverSigned(String body) {
    return postChatwoot(body, UUID.randomUUID().toString());
  }

  private static Path assumeSamples() {
    Optional<Path> samples = SharedContracts.chatwootSamples();
    Assumptions.assumeTrue(
        samples.isPresent(),
        "../shared/contracts/chatwoot/samples is absent (it sits beside the repo in CI, not in a user's clone); skipping the Chatwoot webhook samples");
    return samples.get();
  }

  private static List<String> named(Path samples, String... prefixes) throws IOException {
    try (Stream<Path> files = Files.list(samples)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json") && Stream.of(prefixes).anyMatch(n::startsWith))
          .sorted()
          .toList();
    }
  }
}
