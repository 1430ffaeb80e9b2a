package org.handoffengine.workflows.bot;

import java.util.List;

/**
 * What the bot is shown: who the customer is, what their last call was about, and the conversation
 * so far, oldest first, ending with the customer's newest message.
 */
public record BotTurn(
    String journeyId, String customerName, String lastCallSummary, List<ChatLine> conversation) {

  public BotTurn {
    conversation = List.copyOf(conversation);
  }
}
