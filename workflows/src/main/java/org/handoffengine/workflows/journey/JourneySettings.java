package org.handoffengine.workflows.journey;

import org.handoffengine.workflows.policy.BotPolicy;
import org.handoffengine.workflows.policy.EscalationPolicy;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.policy.PlatformRetry;

/**
 * The configuration a journey runs with. It travels in the workflow input (and across
 * continue-as-new) rather than being read by workflow code, because workflow code must not read
 * configuration. A journey keeps the settings it started with for life: continue-as-new hands the
 * same settings to the next run (the README says so).
 *
 * @param continueAsNewAfterEvents history length after which the journey continues as new; the
 *     server's own suggestion does not count signals, and a busy conversation signals a lot
 * @param searchAttributes whether to upsert the journey's search attributes (the namespace must
 *     have them registered)
 */
public record JourneySettings(
    ChatwootRoute chatwoot,
    FollowUpPolicy followUp,
    EscalationPolicy escalation,
    PlatformRetry retry,
    int continueAsNewAfterEvents,
    boolean searchAttributes,
    BotPolicy bot) {

  /** Journeys recorded before the bot existed carry no bot settings: for them it stays off. */
  public JourneySettings {
    bot = bot == null ? BotPolicy.OFF : bot;
  }

  public JourneySettings(
      ChatwootRoute chatwoot,
      FollowUpPolicy followUp,
      EscalationPolicy escalation,
      PlatformRetry retry,
      int continueAsNewAfterEvents,
      boolean searchAttributes) {
    this(
        chatwoot,
        followUp,
        escalation,
        retry,
        continueAsNewAfterEvents,
        searchAttributes,
        BotPolicy.OFF);
  }

  /**
   * The Chatwoot account and API inbox a journey's conversation lives in.
   *
   * @param contactTaskQueue where the contact step (the one activity that searches Chatwoot's
   *     contacts) is scheduled: the account's rate-limited queue ({@link
   *     JourneyIds#contactTaskQueue}). Null in journeys recorded before it existed, whose contact
   *     step keeps the journey's own queue, as their histories say
   */
  public record ChatwootRoute(long accountId, long inboxId, String contactTaskQueue) {

    public ChatwootRoute(long accountId, long inboxId) {
      this(accountId, inboxId, null);
    }
  }
}
