package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.api.setup.SetupCommand;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.sandbox.contract.ChatwootRequests;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code setup} against the Chatwoot and Vapi sandboxes: first run creates, second run changes
 * nothing, dry run writes nothing.
 */
class SetupCommandTest {

  private static final String ASSISTANT = "6c2b9e41-0a7d-4f3e-8b15-d9c4e2a7f018";
  private static final String ENGINE = "https://engine.example.com";

  private final ChatwootSandbox chatwoot = new ChatwootSandbox("setup-chatwoot-token", 1);
  private final VapiSandbox vapi = new VapiSandbox("setup-vapi-key");
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    chatwoot.start();
    vapi.start();
    vapi.addAssistant(ASSISTANT, "Riley");
  }

  @AfterEach
  void stop() {
    chatwoot.close();
    vapi.close();
  }

  private int setup(String... extra) {
    return setupAt(ENGINE, extra);
  }

  private int setupAt(String publicUrl, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--public-url",
                publicUrl,
                "--handoff.chatwoot.base-url=" + chatwoot.baseUrl(),
                "--handoff.chatwoot.api-token=setup-chatwoot-token",
                "--handoff.chatwoot.account-id=1",
                "--handoff.chatwoot.webhook-secret=cw-secret",
                "--handoff.vapi.base-url=" + vapi.baseUrl(),
                "--handoff.vapi.api-key=setup-vapi-key",
                "--handoff.vapi.webhook-secret=vapi-secret",
                "--handoff.vapi.assistant-id=" + ASSISTANT,
                "--handoff.setup.inbox-name=Phone follow-ups",
                "--handoff.bot.base-url=http://127.0.0.1:11434/v1",
                "--handoff.bot.model=qwen-plus"));
    // A later --name=value would join the earlier one (Spring reads both): replace it instead.
    for (String override : extra) {
      if (override.startsWith("--handoff.")) {
        args.removeIf(arg -> arg.startsWith(override.substring(0, override.indexOf('=') + 1)));
      }
    }
    args.addAll(List.of(extra));
    printed.reset();
    return SetupCommand.run(
        args.toArray(String[]::new), new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @Test
  void aFirstRunCreatesExactlyWhatTheEngineNeeds() {
    assertThat(setup()).isZero();

    JsonNode inbox =
        chatwoot.inboxes().stream()
            .filter(i -> i.path("name").asString().equals("Phone follow-ups"))
            .findFirst()
            .orElseThrow();
    assertThat(inbox.path("channel_type").asString()).isEqualTo("Channel::Api");
    assertThat(chatwoot.inboxes()).hasSize(2); // the account's existing inbox and the new one
    assertThat(chatwoot.webhooks())
        .singleElement()
        .satisfies(
            webhook -> {
              assertThat(webhook.path("url").asString())
                  .isEqualTo(ENGINE + "/webhooks/chatwoot/accounts/1?token=cw-secret");
              assertThat(webhook.path("subscriptions"))
                  .extracting(JsonNode::asString)
                  .containsExactlyInAnyOrder(
                      "message_created", "conversation_status_changed", "conversation_updated");
            });
    JsonNode bot = chatwoot.agentBots().get(0);
    assertThat(chatwoot.agentBots()).hasSize(1);
    assertThat(bot.path("outgoing_url").asString())
        .isEqualTo(ENGINE + "/webhooks/chatwoot/accounts/1/bot?token=cw-secret");
    assertThat(chatwoot.agentBotOf(inbox.path("id").asLong())).isEqualTo(bot.path("id").asLong());

    JsonNode assistant = vapi.assistant(ASSISTANT);
    assertThat(assistant.path("server").path("url").asString())
        .isEqualTo(ENGINE + "/webhooks/vapi");
    assertThat(assistant.path("server").path("headers").path("X-Vapi-Secret").asString())
        .isEqualTo("vapi-secret");
    assertThat(assistant.path("serverMessages"))
        .extracting(JsonNode::asString)
        .containsExactly(
            "end-of-call-report",
            "status-update",
            "hang",
            "tool-calls",
            "transfer-destination-request");
    assertThat(vapi.tools())
        .extracting(t -> t.path("function").path("name").asString())
        .containsExactlyInAnyOrder("escalateToHuman", "lookupCustomer", "scheduleCallback");
    assertThat(vapi.tools())
        .allSatisfy(
            t ->
                assertThat(t.path("server").path("url").asString())
                    .isEqualTo(ENGINE + "/webhooks/vapi"));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("handoff.chatwoot.inbox-id = " + inbox.path("id").asLong(), "8 change(s) made.");
    // The secrets Chatwoot generated for the webhook and the bot, as the settings that verify their
    // signatures.
    assertThat(output)
        .contains(
            "handoff.chatwoot.signing.1.account-webhook = "
                + chatwoot.webhooks().get(0).path("secret").asString(),
            "handoff.chatwoot.signing.1.agent-bot = " + bot.path("secret").asString());
    assertThat(assistant.path("server").path("backoffPlan").path("maxRetries").asInt())
        .as("Vapi retries a 503")
        .isPositive();
    assertThat(output)
        .doesNotContain("cw-secret", "vapi-secret", "setup-chatwoot-token", "setup-vapi-key");
  }

  @Test
  void aSecondRunChangesNothing() {
    setup();
    int writesAfterFirstRun = writes().size();

    assertThat(setup()).isZero();

    assertThat(writes()).hasSize(writesAfterFirstRun);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Nothing to change.")
        .doesNotContain(" CREATE ", " UPDATE ");
  }

  @Test
  void aDryRunPrintsThePlanAndWritesNothing() {
    assertThat(setup("--dry-run")).isZero();

    assertThat(writes()).isEmpty();
    assertThat(chatwoot.webhooks()).isEmpty();
    assertThat(vapi.tools()).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("dry run", "CREATE", "tool escalateToHuman", "8 change(s) planned.");
  }

  @Test
  void driftIsRepairedWithoutCreatingAgain() {
    setup();
    vapi.addAssistant(ASSISTANT, "Riley"); // someone reset the assistant in the dashboard

    setup();

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("UPDATE", "1 change(s) made.");
    assertThat(vapi.tools()).hasSize(3);
    assertThat(vapi.assistant(ASSISTANT).path("server").path("url").asString())
        .isEqualTo(ENGINE + "/webhooks/vapi");
  }

  @Test
  void everyVapiRequestMatchesVapisPublishedSpec() {
    OpenApiContract spec = SharedContracts.assumeVapi();
    setup();

    List<RecordedRequest> requests = vapi.requests();
    assertThat(requests).isNotEmpty();
    for (RecordedRequest request : requests) {
      assertThat(spec.validateRequest(request))
          .as(request.method() + " " + request.path())
          .isEmpty();
    }
  }

  @Test
  void everyChatwootRequestMatchesChatwootsPublishedSpec() {
    OpenApiContract spec = SharedContracts.assumeChatwoot();
    setup();
    setup(); // the second run reads what the first made

    List<RecordedRequest> requests = chatwoot.requests();
    assertThat(requests).hasSizeGreaterThanOrEqualTo(10);
    for (RecordedRequest request : requests) {
      assertThat(ChatwootRequests.violations(spec, request))
          .as(request.method() + " " + request.path())
          .isEmpty();
    }
  }

  @Test
  void anAgentsTokenIsRefusedWithTheTokenItNeeds() {
    chatwoot.agentToken("agent-token");

    assertThat(setup("--handoff.chatwoot.api-token=agent-token")).isEqualTo(1);

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("setup needs an administrator's access token for Chatwoot account 1");
    assertThat(writes()).isEmpty();
  }

  @Test
  void aPrivateAddressIsWarnedAboutWithTheTwoChatwootVariables() {
    assertThat(setupAt("http://10.0.4.7:8080", "--dry-run")).isZero();

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES=account_webhook,agent_bot_webhook",
            "WEBHOOK_ALLOWED_PRIVATE_HOSTS=10.0.4.7");
    assertThat(setupAt("http://api:8080", "--dry-run")).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("WEBHOOK_ALLOWED_PRIVATE_HOSTS=api");
    setup("--dry-run");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .doesNotContain("WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES");
  }

  @Test
  void withoutAPublicUrlItSaysWhatItNeeds() {
    printed.reset();
    int exit =
        SetupCommand.run(
            new String[] {"--dry-run"}, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--public-url");
  }

  private List<RecordedRequest> writes() {
    List<RecordedRequest> writes = new ArrayList<>();
    chatwoot.requests().stream().filter(r -> !r.method().equals("GET")).forEach(writes::add);
    vapi.requests().stream().filter(r -> !r.method().equals("GET")).forEach(writes::add);
    return writes;
  }
}
