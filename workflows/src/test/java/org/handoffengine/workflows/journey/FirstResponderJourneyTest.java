package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.handoffengine.workflows.journey.JourneyHarness.message;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.handoffengine.workflows.bot.BotReply;
import org.handoffengine.workflows.bot.BotTurn;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.policy.BotPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The first-responder bot inside a journey, against a mocked model and Chatwoot. */
class FirstResponderJourneyTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  private JourneyWorkflow journeyWithBot(int maxTurns) {
    JourneySettings base = JourneyHarness.settings();
    JourneySettings withBot =
        new JourneySettings(
            base.chatwoot(),
            base.followUp(),
            base.escalation(),
            base.retry(),
            base.continueAsNewAfterEvents(),
            base.searchAttributes(),
            new BotPolicy(true, maxTurns));
    JourneyWorkflow journey =
        harness.callEnded(
            JourneyHarness.JOURNEY_ID, JourneyHarness.PHONE, inboundCall("call-1"), withBot);
    harness.pass(Duration.ofMinutes(1));
    return journey;
  }

  @Test
  void aThreeTurnExchangeIsAnsweredInTheConversationWithTheCallAsContext() {
    when(harness.bot.answer(any()))
        .thenReturn(new BotReply("It shipped to your old address; I can reroute it.", false))
        .thenReturn(new BotReply("Done: it arrives Thursday.", false))
        .thenReturn(new BotReply("You're welcome!", false));
    journeyWithBot(5);

    harness.journey().customerReplied(message(9101, "Where is order 10423?"));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().customerReplied(message(9102, "Please send it to 12 Elm St."));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().customerReplied(message(9103, "Thanks!"));
    harness.pass(Duration.ofMinutes(1));

    assertThat(botMessages())
        .extracting(OutgoingMessage::content)
        .containsExactly(
            "It shipped to your old address; I can reroute it.",
            "Done: it arrives Thursday.",
            "You're welcome!");
    assertThat(botMessages()).allSatisfy(m -> assertThat(m.privateNote()).isFalse());
    ArgumentCaptor<BotTurn> turns = ArgumentCaptor.forClass(BotTurn.class);
    verify(harness.bot, times(3)).answer(turns.capture());
    BotTurn third = turns.getAllValues().get(2);
    assertThat(third.customerName()).isEqualTo("Dana Whitfield");
    assertThat(third.lastCallSummary()).contains("order 10423");
    assertThat(third.conversation())
        .extracting(ChatLine::speaker)
        .containsExactly(
            ChatLine.Speaker.CUSTOMER,
            ChatLine.Speaker.BOT,
            ChatLine.Speaker.CUSTOMER,
            ChatLine.Speaker.BOT,
            ChatLine.Speaker.CUSTOMER);
    verify(harness.chatwoot, never()).handOver(any());
  }

  @Test
  void aCustomerWhoAsksForAPersonIsHandedOffWithoutABotReply() {
    journeyWithBot(5);

    harness.journey().customerReplied(message(9104, "Let me talk to a human please"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.bot, never()).answer(any());
    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.ESCALATED);
  }

  @Test
  void afterItsTurnLimitTheNextMessageGoesToAHuman() {
    when(harness.bot.answer(any())).thenReturn(new BotReply("Answer", false));
    journeyWithBot(2);

    for (long id = 9110; id < 9113; id++) {
      harness.journey().customerReplied(message(id, "question " + id));
      harness.pass(Duration.ofMinutes(1));
    }

    verify(harness.bot, times(2)).answer(any());
    assertThat(botMessages()).hasSize(2);
    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().escalation().reason())
        .isEqualTo("the assistant gave its 2 replies");
  }

  @Test
  void aModelThatKeepsFailingHandsTheCustomerToAHuman() {
    when(harness.bot.answer(any()))
        .thenThrow(ApplicationFailure.newFailure("503 from the model", "LlmUnavailable"));
    journeyWithBot(5);

    harness.journey().customerReplied(message(9120, "Is anyone there?"));
    harness.pass(Duration.ofMinutes(5));

    verify(harness.bot, times(3)).answer(any());
    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().escalation().reason())
        .isEqualTo("the assistant could not be reached");
    assertThat(botMessages()).isEmpty();
  }

  @Test
  void aModelThatCannotHelpHandsOff() {
    when(harness.bot.answer(any())).thenReturn(BotReply.handingOff());
    journeyWithBot(5);

    harness.journey().customerReplied(message(9130, "My invoice has a wrong VAT number"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().escalation().reason())
        .isEqualTo("the assistant could not help");
  }

  @Test
  void theBotStaysSilentWhileAHumanOwnsTheConversation() {
    journeyWithBot(5);

    harness.journey().agentReplied(message(9140, "Hi Dana, Sam here, I'll take this."));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().customerReplied(message(9141, "Great, where is it?"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.bot, never()).answer(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.AGENT_HANDLING);
  }

  @Test
  void theBotsOwnMessageEchoedBackIsNotMistakenForAHuman() {
    when(harness.bot.answer(any()))
        .thenReturn(new BotReply("First answer", false), new BotReply("Second answer", false));
    journeyWithBot(5);
    harness.journey().customerReplied(message(9150, "Hello?"));
    harness.pass(Duration.ofMinutes(1));
    ArgumentCaptor<PostMessagesRequest> posts = ArgumentCaptor.forClass(PostMessagesRequest.class);
    verify(harness.chatwoot, atLeastOnce()).postMessages(posts.capture());
    // The mock gives posted messages ids in order; the bot's reply is the last one posted.
    long botMessageId =
        5000 + posts.getAllValues().stream().mapToLong(p -> p.messages().size()).sum() - 1;

    harness.journey().agentReplied(message(botMessageId, "First answer"));
    harness.pass(Duration.ofMinutes(1));
    harness.journey().customerReplied(message(9151, "And then?"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.bot, times(2)).answer(any());
    assertThat(harness.journey().state().stage()).isNotEqualTo(JourneyStage.AGENT_HANDLING);
  }

  private List<OutgoingMessage> botMessages() {
    ArgumentCaptor<PostMessagesRequest> posts = ArgumentCaptor.forClass(PostMessagesRequest.class);
    verify(harness.chatwoot, atLeastOnce()).postMessages(posts.capture());
    return posts.getAllValues().stream()
        .flatMap(p -> p.messages().stream())
        .filter(m -> m.key().startsWith("bot:"))
        .toList();
  }
}
