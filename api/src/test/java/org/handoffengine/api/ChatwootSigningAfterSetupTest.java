package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffengine.api.setup.SetupCommand;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A new user's path, as Chatwoot really behaves: {@code setup} against the faithful sandbox, then
 * Chatwoot delivering account-webhook and agent-bot events to the engine, signed with the secrets
 * it generated. First the engine knows only its token (and says signatures are not verified), then
 * the secrets {@code setup} printed.
 */
class ChatwootSigningAfterSetupTest {

  private static final String TOKEN = "cw-url-token";
  private static final Pattern SIGNING =
      Pattern.compile(
          "(handoff\\.chatwoot\\.signing\\.1\\.[a-z-]+) = ([A-Za-z0-9]+)\\s*$", Pattern.MULTILINE);

  private final ChatwootSandbox chatwoot = new ChatwootSandbox("admin-token", 1);
  private final VapiSandbox vapi = new VapiSandbox("vapi-key");
  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext engine;
  private int port;

  @BeforeEach
  void start() throws IOException {
    chatwoot.start();
    vapi.start();
    chatwoot.botRetryWait(Duration.ofMillis(50));
    // The engine listens on loopback: a real Chatwoot must be told it may deliver there.
    chatwoot.allowPrivateNetwork(
        Set.of("account_webhook", "agent_bot_webhook"), Set.of("127.0.0.1"));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    chatwoot.close();
    vapi.close();
  }

  @Test
  void signedAccountAndBotDeliveriesAreAcceptedAtEveryStageAndForgeriesNever() throws Exception {
    Map<String, String> secrets = setup();
    assertThat(secrets)
        .containsOnlyKeys(
            "handoff.chatwoot.signing.1.account-webhook", "handoff.chatwoot.signing.1.agent-bot");
    assertThat(secrets.values()).doesNotHaveDuplicates();
    long conversation = chatwoot.startConversation(1, "+14155550177", "Dana Whitfield");
    assertThat(chatwoot.conversation(conversation).path("status").asString())
        .as("a bot's inbox starts conversations pending")
        .isEqualTo("pending");

    // 1. Only the token configured: Chatwoot's signed deliveries, account and bot, are accepted.
    startEngine(Map.of());
    assertThat(deliver(chatwoot.customerWrites(conversation, "Hello?"))).containsExactly(200, 200);
    // An older Chatwoot signs nothing: the token alone is accepted too.
    chatwoot.signsNothing();
    assertThat(deliver(chatwoot.customerWrites(conversation, "Anyone there?")))
        .containsExactly(200, 200);
    assertThat(chatwoot.conversation(conversation).path("status").asString())
        .as("the bot kept its conversation")
        .isEqualTo("pending");
    engine.close();

    // 2. The secrets setup printed: both targets verify; forgeries and replays are refused even
    // with the token.
    startEngine(secrets);
    String body = chatwoot.customerWrites(conversation, "Still waiting").toString();
    String now = String.valueOf(Instant.now().getEpochSecond());
    String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
    String accountUrl = "/webhooks/chatwoot/accounts/1?token=" + TOKEN;
    String botUrl = "/webhooks/chatwoot/accounts/1/bot?token=" + TOKEN;
    String webhookSecret = secrets.get("handoff.chatwoot.signing.1.account-webhook");
    String botSecret = secrets.get("handoff.chatwoot.signing.1.agent-bot");

    assertThat(post(accountUrl, body, webhookSecret, now)).isEqualTo(200);
    assertThat(post(botUrl, body, botSecret, now)).isEqualTo(200);
    assertThat(post(accountUrl, body, botSecret, now)).as("signed with another key").isEqualTo(401);
    assertThat(post(botUrl, body, "not-chatwoots-key", now))
        .as("signed with another key")
        .isEqualTo(401);
    assertThat(post(accountUrl, body, webhookSecret, stale)).as("a stale timestamp").isEqualTo(401);
    assertThat(post(botUrl, body, botSecret, stale)).as("a stale timestamp").isEqualTo(401);
    assertThat(post(accountUrl, body, null, null))
        .as("the token alone, once the secret is known")
        .isEqualTo(401);
    assertThat(post("/webhooks/chatwoot/accounts/1", body, "not-chatwoots-key", now))
        .as("no token, no valid signature")
        .isEqualTo(401);
    assertThat(refusals()).isEqualTo(6);
  }

  @Test
  void withoutTheRightTokenAndWithoutAVerifiableSignatureADeliveryIsRefused() throws Exception {
    setup();
    startEngine(Map.of());
    long conversation = chatwoot.startConversation(1, "+14155550178", "Sam Ortiz");
    String body = chatwoot.customerWrites(conversation, "Hi").toString();
    String now = String.valueOf(Instant.now().getEpochSecond());

    assertThat(post("/webhooks/chatwoot/accounts/1?token=wrong", body, "any-key", now))
        .isEqualTo(401);
    assertThat(post("/webhooks/chatwoot/accounts/1/bot", body, null, null)).isEqualTo(401);
    assertThat(post("/webhooks/chatwoot/accounts/1?token=" + TOKEN, body, "any-key", now))
        .as("a signature the engine cannot check does not stop the token")
        .isEqualTo(200);
    assertThat(refusals()).isEqualTo(2);
  }

  /** Runs setup as a user would, and reads the signing secrets it printed. */
  private Map<String, String> setup() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit =
        SetupCommand.run(
            new String[] {
              "--public-url",
              "http://127.0.0.1:" + port,
              "--handoff.chatwoot.base-url=" + chatwoot.baseUrl(),
              "--handoff.chatwoot.api-token=admin-token",
              "--handoff.chatwoot.account-id=1",
              "--handoff.chatwoot.webhook-secret=" + TOKEN,
              "--handoff.vapi.base-url=" + vapi.baseUrl(),
              "--handoff.vapi.api-key=vapi-key",
              "--handoff.bot.base-url=http://127.0.0.1:9/v1",
              "--handoff.bot.model=m"
            },
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES");
    Map<String, String> secrets = new LinkedHashMap<>();
    Matcher matcher = SIGNING.matcher(output);
    while (matcher.find()) {
      secrets.put(matcher.group(1), matcher.group(2));
    }
    return secrets;
  }

  private void startEngine(Map<String, String> signing) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", port);
    properties.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    properties.put("handoff.chatwoot.api-token", "admin-token");
    properties.put("handoff.chatwoot.inbox-id", chatwoot.apiInboxId());
    properties.put("handoff.chatwoot.webhook-secret", TOKEN);
    properties.put("handoff.chatwoot.signing.1.account-webhook", "");
    properties.put("handoff.chatwoot.signing.1.agent-bot", "");
    properties.putAll(signing);
    properties.put("handoff.vapi.base-url", vapi.baseUrl());
    // As arguments: they win over the test profile's file, as an operator's settings would.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    engine =
        new SpringApplicationBuilder(HandoffEngineApplication.class).profiles("test").run(args);
  }

  /** Chatwoot delivers the event to every target; the statuses the engine answered. */
  private List<Integer> deliver(JsonNode event) {
    List<Integer> statuses = new ArrayList<>();
    chatwoot.deliver(event).forEach(attempt -> statuses.add(attempt.status()));
    return statuses;
  }

  private int post(String path, String body, String key, String timestamp) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("X-Chatwoot-Timestamp", timestamp);
      request.header(
          "X-Chatwoot-Signature",
          "sha256="
              + WebhookSignatures.hexHmacSha256(
                  key, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private double refusals() {
    Counter counter =
        engine
            .getBean(MeterRegistry.class)
            .find("handoff.webhooks.received")
            .tag("platform", "chatwoot")
            .tag("outcome", "refused")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
