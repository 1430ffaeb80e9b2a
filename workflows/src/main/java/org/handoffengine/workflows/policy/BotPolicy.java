package org.handoffengine.workflows.policy;

/**
 * When the first-responder bot answers a customer in Chatwoot.
 *
 * @param enabled an OpenAI-compatible model is configured; off, customer messages wait for humans
 * @param maxTurns replies the bot may give in one journey; the customer's next message goes to a
 *     human
 */
public record BotPolicy(boolean enabled, int maxTurns) {

  public static final BotPolicy OFF = new BotPolicy(false, 0);

  public boolean mayAnswerAgain(int repliesGiven) {
    return repliesGiven < maxTurns;
  }
}
