package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.LlmSandbox;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The first-responder bot end to end: Chatwoot webhooks in, an OpenAI-compatible model (the stub)
 * asked, answers and hand-offs written to Chatwoot.
 */
class FirstResponderBotTest extends EngineTest {

  static final LlmSandbox LLM = (LlmSandbox) new LlmSandbox("test-llm-key").start();

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("handoff.bot.base-url", LLM::openAiBaseUrl);
    registry.add("handoff.bot.api-key", () -> "test-llm-key");
    registry.add("handoff.bot.model", () -> "qwen-plus");
    registry.add("handoff.bot.max-turns", () -> "3");
  }

  @BeforeEach
  void freshModel() {
    LLM.reset();
  }

  @Test
  void aThreeTurnExchangeIsAnsweredInChatwoot() {
    LLM.willAnswer(
        "Your bike is with the carrier; I can update the address.",
        "Updated to 12 Elm St.",
        "You're welcome, Alex!");
    long conversation = openJourney("+14155550301", "call-bot-1");

    say(conversation, "Where is my e-bike?", 1);
    say(conversation, "Please use 12 Elm St.", 2);
    say(conversation, "Thanks!", 3);

    assertThat(botMessages(conversation))
        .extracting(m -> EngineMark.withoutTag(m.path("content").asString()))
        .containsExactly(
            "Your bike is with the carrier; I can update the address.",
            "Updated to 12 Elm St.",
            "You're welcome, Alex!");
    assertThat(botMessages(conversation))
        .allSatisfy(m -> assertThat(m.path("message_type").asInt()).isEqualTo(1));
    List<JsonNode> prompts = LLM.prompts();
    assertThat(prompts).hasSize(3);
    JsonNode third = prompts.get(2);
    assertThat(third.get(0).path("role").asString()).isEqualTo("system");
    assertThat(third.get(0).path("content").asString()).contains("Alex Rivera", "88231");
    assertThat(third)
        .extracting(m -> m.path("role").asString())
        .containsExactly("system", "user", "assistant", "user", "assistant", "user");
    assertThat(journey("+14155550301").escalation().escalated()).isFalse();
  }

  @Test
  void aCustomerAskingForAPersonIsHandedOffWithoutAskingTheModel() {
    long conversation = openJourney("+14155550302", "call-bot-2");

    deliver(CHATWOOT.customerWrites(conversation, "I want to talk to a human"));

    JourneyView state =
        awaitJourney(journeyOf("+14155550302"), s -> s.stage() == JourneyStage.ESCALATED);
    assertHandedToHumans(conversation);
    assertThat(state.escalation().reason()).isEqualTo("the customer asked for a person");
    assertThat(LLM.prompts()).isEmpty();
  }

  @Test
  void theTurnLimitHandsTheNextMessageToAHuman() {
    long conversation = openJourney("+14155550303", "call-bot-3");
    for (int turn = 1; turn <= 3; turn++) {
      say(conversation, "question " + turn, turn);
    }

    deliver(CHATWOOT.customerWrites(conversation, "one more question"));

    JourneyView state =
        awaitJourney(journeyOf("+14155550303"), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.escalation().reason()).isEqualTo("the assistant gave its 3 replies");
    assertHandedToHumans(conversation);
    assertThat(LLM.prompts()).hasSize(3);
  }

  @Test
  void aModelThatKeepsFailingHandsTheCustomerToAHuman() {
    long conversation = openJourney("+14155550304", "call-bot-4");
    LLM.faults().failNextWrites(10, 503);

    deliver(CHATWOOT.customerWrites(conversation, "Hello, anyone?"));

    JourneyView state =
        awaitJourney(journeyOf("+14155550304"), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.escalation().reason()).isEqualTo("the assistant could not be reached");
    assertThat(LLM.requests("POST", "/v1/chat/completions")).hasSize(3);
    assertHandedToHumans(conversation);
    assertThat(botMessages(conversation)).isEmpty();
  }

  @Test
  void theModelSayingItCannotHelpHandsOff() {
    LLM.willAnswer("HANDOFF");
    long conversation = openJourney("+14155550305", "call-bot-5");

    deliver(CHATWOOT.customerWrites(conversation, "My invoice has the wrong VAT number"));

    JourneyView state =
        awaitJourney(journeyOf("+14155550305"), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.escalation().reason()).isEqualTo("the assistant could not help");
    assertThat(botMessages(conversation)).isEmpty();
  }

  @Test
  void theBotIsSilentWhileAHumanOwnsTheConversation() {
    long conversation = openJourney("+14155550306", "call-bot-6");

    deliver(CHATWOOT.agentWrites(conversation, "Hi Alex, Jordan here, I'll handle this."));
    awaitJourney(journeyOf("+14155550306"), s -> s.stage() == JourneyStage.AGENT_HANDLING);
    deliver(CHATWOOT.customerWrites(conversation, "Great, thanks"));
    // A later call report is processed after the customer's message, so once it shows, the message
    // has been handled.
    postVapi(Reports.endOfCall("call-bot-6b", "+14155550306").toString());
    awaitJourney(journeyOf("+14155550306"), s -> s.calls().size() == 2);

    assertThat(LLM.prompts()).isEmpty();
    assertThat(botMessages(conversation)).isEmpty();
  }

  @Test
  void theBotsOwnMessageComingBackAsAWebhookIsIgnored() {
    long conversation = openJourney("+14155550307", "call-bot-7");
    say(conversation, "Where is my e-bike?", 1);
    long botMessage = botMessages(conversation).get(0).path("id").asLong();

    HttpResponse<String> echo = deliver(CHATWOOT.messageCreatedFor(botMessage));

    assertThat(echo.statusCode()).isEqualTo(200);
    assertThat(echo.body()).contains("ignored");
    assertThat(journey("+14155550307").stage()).isNotEqualTo(JourneyStage.AGENT_HANDLING);
    assertThat(LLM.prompts()).hasSize(1);
  }

  /** The customer writes; returns once the bot's reply number {@code turn} is in Chatwoot. */
  private void say(long conversation, String text, int turn) {
    deliver(CHATWOOT.customerWrites(conversation, text));
    CHATWOOT.awaitUntil(
        "bot reply " + turn, () -> botMessages(conversation).size() >= turn, PATIENCE);
  }

  private static List<JsonNode> botMessages(long conversation) {
    return CHATWOOT.messages(conversation).stream()
        .filter(m -> EngineMark.keyOf(m).orElse("").startsWith("bot:"))
        .toList();
  }

  private static void assertHandedToHumans(long conversationId) {
    CHATWOOT.awaitUntil(
        "the escalation note",
        () ->
            CHATWOOT.messages(conversationId).stream()
                .anyMatch(
                    m ->
                        m.path("private").asBoolean()
                            && m.path("content").asString().startsWith("Escalated to a human")),
        PATIENCE);
    JsonNode conversation = CHATWOOT.conversation(conversationId);
    assertThat(conversation.path("status").asString()).isEqualTo("open");
    assertThat(conversation.path("meta").path("team").path("id").asLong())
        .isEqualTo(ChatwootSandbox.TEAM_ID);
  }

  private long openJourney(String phone, String callId) {
    assertThat(postVapi(Reports.endOfCall(callId, phone).toString()).statusCode()).isEqualTo(200);
    return awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY)
        .conversationId();
  }

  private JourneyView journey(String phone) {
    return temporal.newUntypedWorkflowStub(journeyOf(phone)).query("state", JourneyView.class);
  }

  private HttpResponse<String> deliver(JsonNode event) {
    // As the bot's outgoing_url gets it: its signing secret is not configured, so the token serves.
    return post("/webhooks/chatwoot/accounts/1/bot?token=test-chatwoot-secret", event.toString());
  }
}
