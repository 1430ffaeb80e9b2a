package org.handoffengine.workflows.journey;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;
import org.handoffengine.workflows.bot.BotReply;
import org.handoffengine.workflows.bot.BotTurn;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.policy.BotPolicy;

/**
 * One answer of the first-responder bot to a customer message. Every way it ends leaves the
 * customer with an answer or with a human, never with silence: the model's own failure (three
 * attempts) is not a refusal to show on the journey, it is a reason to hand over.
 */
final class FirstResponderTurn {

  /** Either the text to post or the hand-over to ask for. */
  record Result(String reply, EscalationRequest handOff) {}

  private final FirstResponderActivities model;
  private final BotPolicy policy;

  FirstResponderTurn(FirstResponderActivities model, BotPolicy policy) {
    this.model = model;
    this.policy = policy;
  }

  /** The bot answers while no human owns the conversation and no hand-over is pending. */
  boolean mayAnswer(JourneyState journey) {
    return policy.enabled()
        && journey.conversation.exists()
        && !journey.attention.blocked
        && !journey.handover.humanOwns()
        && !journey.inbox.escalationPending()
        && Workflow.getVersion("first-responder-bot", Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /**
   * Answers the customer's message in the conversation through {@code post}, or queues the
   * hand-over.
   */
  void reply(ChatwootEvent message, JourneyState journey, Consumer<OutgoingMessage> post) {
    Result turn = answer(message, journey);
    if (turn.handOff() != null) {
      journey.inbox.escalationDecided(turn.handOff());
      return;
    }
    post.accept(
        JourneyMessages.botReply(message.messageId(), journey.handover.botReplied(), turn.reply()));
    journey.conversation.rememberChat(ChatLine.Speaker.BOT, turn.reply());
  }

  Result answer(ChatwootEvent message, JourneyState journey) {
    String handOffId = "bot:" + message.messageId();
    if (!policy.mayAnswerAgain(journey.handover.botReplies)) {
      return handOff(handOffId, "the assistant gave its " + policy.maxTurns() + " replies");
    }
    Conversation conversation = journey.conversation;
    BotReply reply;
    try {
      reply =
          model.answer(
              new BotTurn(
                  journey.journeyId,
                  conversation.customerName,
                  conversation.lastSummary,
                  conversation.chat));
    } catch (ActivityFailure modelUnavailable) {
      return handOff(handOffId, "the assistant could not be reached");
    }
    if (reply.handOff() || reply.text() == null || reply.text().isBlank()) {
      return handOff(handOffId, "the assistant could not help");
    }
    return new Result(reply.text(), null);
  }

  private static Result handOff(String id, String why) {
    return new Result(null, new EscalationRequest(id, "bot", why));
  }
}
