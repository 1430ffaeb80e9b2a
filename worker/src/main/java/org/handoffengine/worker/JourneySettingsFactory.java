package org.handoffengine.worker;

import java.time.ZoneId;
import org.handoffengine.activities.bot.BotProperties;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.activities.vapi.VapiProperties;
import org.handoffengine.workflows.journey.JourneySettings;
import org.handoffengine.workflows.journey.JourneySettings.ChatwootRoute;
import org.handoffengine.workflows.policy.BotPolicy;
import org.handoffengine.workflows.policy.CallingWindow;
import org.handoffengine.workflows.policy.EscalationPolicy;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns configuration into the {@link JourneySettings} a new journey starts with. Built once: the
 * settings are immutable and every journey started by this process shares them.
 */
public final class JourneySettingsFactory {

  private static final Logger log = LoggerFactory.getLogger(JourneySettingsFactory.class);

  private final JourneySettings settings;

  public JourneySettingsFactory(
      JourneyProperties journey, ChatwootProperties chatwoot, VapiProperties vapi, BotProperties bot, TemporalSettings temporal) {
    var followUp = journey.followUp();
    var escalation = journey.escalation();
    var retry = journey.retry();
    ZoneId.of(followUp.zone()); // fail at start-up, not in the middle of a journey
    boolean canCall = vapi.assistantId() != null && vapi.phoneNumberId() != null;
    if (followUp.enabled() && !canCall) {
      log.warn(
          "Follow-up calls are off: set handoff.vapi.assistant-id and handoff.vapi.phone-number-id to enable them");
    }
    this.settings =
        new JourneySettings(
            new ChatwootRoute(chatwoot.accountId(), chatwoot.inboxId()),
            new FollowUpPolicy(
                followUp.enabled() && canCall,
                followUp.quietPeriod(),
                followUp.attempts(),
                CallingWindow.parse(followUp.callingHours()),
                followUp.zone(),
                followUp.reportTimeout(),
                followUp.onOutcome(),
                vapi.assistantId(),
                vapi.phoneNumberId()),
            new EscalationPolicy(escalation.teamId(), escalation.agentId(), escalation.label(), escalation.phrases()),
            new PlatformRetry(retry.initialInterval(), retry.maximumInterval(), retry.attemptTimeout()),
            journey.journey().continueAsNewAfterEvents(),
            temporal.searchAttributes(),
            bot.enabled() ? new BotPolicy(true, bot.maxTurns()) : BotPolicy.OFF);
  }

  public JourneySettings settings() {
    return settings;
  }
}
