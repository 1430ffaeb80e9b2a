package org.handoffengine.activities.bot;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handoffengine.workflows.bot.BotReply;
import org.handoffengine.workflows.bot.BotTurn;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.bot.FirstResponderActivities;

/**
 * Asks the configured chat model for the next answer. The journey decides when the bot speaks and
 * posts what it says; this only turns the conversation into a prompt and the model's text into a
 * reply or a hand-off.
 */
public class FirstResponderActivitiesImpl implements FirstResponderActivities {

  static final String HANDOFF = "HANDOFF";

  private final ChatModel model;
  private final String instructions;

  /** {@code model} is null when no model is configured; journeys then never ask. */
  public FirstResponderActivitiesImpl(ChatModel model, String instructions) {
    this.model = model;
    this.instructions = instructions;
  }

  @Override
  public BotReply answer(BotTurn turn) {
    if (model == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the first-responder bot has no model: set handoff.bot.base-url and handoff.bot.model",
          "BotNotConfigured");
    }
    String text = model.chat(prompt(turn)).aiMessage().text();
    if (text == null
        || text.isBlank()
        || text.strip().toUpperCase(Locale.ROOT).startsWith(HANDOFF)) {
      return BotReply.handingOff();
    }
    return new BotReply(text.strip(), false);
  }

  private List<ChatMessage> prompt(BotTurn turn) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder system = new StringBuilder(instructions);
    if (turn.customerName() != null) {
      system.append("\n\nThe customer's name: ").append(turn.customerName()).append('.');
    }
    if (turn.lastCallSummary() != null) {
      system.append("\nSummary of their last phone call: ").append(turn.lastCallSummary());
    }
    messages.add(SystemMessage.from(system.toString()));
    for (ChatLine line : turn.conversation()) {
      messages.add(
          line.speaker() == ChatLine.Speaker.CUSTOMER
              ? UserMessage.from(line.text())
              : AiMessage.from(line.text()));
    }
    return messages;
  }
}
