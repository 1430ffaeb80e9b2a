package org.handoffengine.worker;

import org.handoffengine.activities.bot.BotProperties;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.handoffengine.workflows.policy.BotPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands routing the platform settings it needs, so {@code journeys} does not depend on the platform
 * clients.
 */
@Configuration(proxyBeanMethods = false)
public class RoutePlatforms {

  @Bean
  JourneyRoutes.Platforms journeyRoutePlatforms(
      ChatwootProperties chatwoot, VapiProperties vapi, BotProperties bot) {
    return of(chatwoot, vapi, bot);
  }

  public static JourneyRoutes.Platforms of(
      ChatwootProperties chatwoot, VapiProperties vapi, BotProperties bot) {
    return new JourneyRoutes.Platforms(
        chatwoot.accountId(),
        chatwoot.inboxId(),
        chatwoot.timeout(),
        vapi.assistantId(),
        vapi.phoneNumberId(),
        vapi.timeout(),
        bot.enabled() ? new BotPolicy(true, bot.maxTurns(), bot.timeout()) : BotPolicy.OFF);
  }
}
