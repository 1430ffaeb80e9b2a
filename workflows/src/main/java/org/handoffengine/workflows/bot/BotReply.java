package org.handoffengine.workflows.bot;

/**
 * The model's answer.
 *
 * @param text what to post to the customer; null when the model handed off
 * @param handOff the model said it cannot help, or that the customer needs a person
 */
public record BotReply(String text, boolean handOff) {

  public static BotReply handingOff() {
    return new BotReply(null, true);
  }
}
