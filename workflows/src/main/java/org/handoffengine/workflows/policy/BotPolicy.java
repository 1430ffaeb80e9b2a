package org.handoffengine.workflows.policy;

import java.time.Duration;

/**
 * When the first-responder bot answers a customer in Chatwoot.
 *
 * @param enabled an OpenAI-compatible model is configured; off, customer messages wait for humans
 * @param maxTurns replies the bot may give in one journey; the customer's next message goes to a
 *     human
 * @param timeout how long one model call may take ({@code handoff.bot.timeout}); null in settings
 *     recorded before it was carried, which keep the 60 s they were started with
 */
public record BotPolicy(boolean enabled, int maxTurns, Duration timeout) {

  public static final BotPolicy OFF = new BotPolicy(false, 0, null);

  /** Room beyond the model's own timeout for the activity to read and hand back the answer. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  public BotPolicy(boolean enabled, int maxTurns) {
    this(enabled, maxTurns, null);
  }

  public boolean mayAnswerAgain(int repliesGiven) {
    return repliesGiven < maxTurns;
  }

  /** The start-to-close of one model call: the configured timeout and a little slack. */
  public Duration attemptTimeout() {
    return timeout == null ? Duration.ofSeconds(60) : timeout.plus(SLACK);
  }
}
