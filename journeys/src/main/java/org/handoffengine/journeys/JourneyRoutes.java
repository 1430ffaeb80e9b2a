package org.handoffengine.journeys;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handoffengine.workflows.journey.JourneyIds;
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
 * Which team a call belongs to, and the {@link JourneySettings} its journey starts with. Built once
 * at start-up: settings are immutable and every journey of a route shares them.
 */
public final class JourneyRoutes {

  private static final Logger log = LoggerFactory.getLogger(JourneyRoutes.class);

  /** A route's name (null for the default route) and its journeys' settings. */
  public record Routed(String route, JourneySettings settings, String transferNumber) {}

  /**
   * What routing takes from the platform settings ({@code handoff.chatwoot.*}, {@code
   * handoff.vapi.*}, {@code handoff.bot.*}, bound where the platform clients live): the default
   * route's account, inbox, assistant and number, the first-responder policy, and the call timeouts
   * an attempt must make room for.
   */
  public record Platforms(
      long chatwootAccountId,
      long chatwootInboxId,
      Duration chatwootTimeout,
      String vapiAssistantId,
      String vapiPhoneNumberId,
      Duration vapiTimeout,
      BotPolicy bot) {}

  private final Routed defaultRoute;
  private final boolean refuseUnmapped;
  private final List<RouteProperties.Route> routes;
  private final Map<String, Routed> byName = new LinkedHashMap<>();

  public JourneyRoutes(
      JourneyProperties journey,
      RouteProperties routing,
      Platforms platforms,
      TemporalSettings temporal) {
    Duration attempt = journey.retry().attemptTimeout();
    // An attempt starts a write only when it can finish before the attempt's deadline; with less
    // than a read and a write's worth of time, no attempt would ever write.
    requireRoomForAReadAndAWrite(attempt, "handoff.chatwoot.timeout", platforms.chatwootTimeout());
    requireRoomForAReadAndAWrite(attempt, "handoff.vapi.timeout", platforms.vapiTimeout());
    this.refuseUnmapped = routing.unmappedCalls() == RouteProperties.UnmappedCalls.REFUSE;
    this.routes = routing.routes();
    BotPolicy botPolicy = platforms.bot();
    var followUp = journey.followUp();
    var escalation = journey.escalation();
    this.defaultRoute =
        new Routed(
            null,
            settings(
                journey,
                chatwootRoute(platforms.chatwootAccountId(), platforms.chatwootInboxId()),
                followUp,
                escalation,
                platforms.vapiAssistantId(),
                platforms.vapiPhoneNumberId(),
                botPolicy,
                temporal,
                "the default route"),
            escalation.transferNumber());
    for (RouteProperties.Route route : routes) {
      if (byName.containsKey(route.name()) || !JourneyIds.isRouteName(route.name())) {
        throw new IllegalStateException(
            "handoff.routes: the route name '"
                + route.name()
                + "' is used twice, reserved, or not lowercase letters and digits");
      }
      var override = route.followUp();
      var mergedFollowUp =
          new JourneyProperties.FollowUp(
              orGlobal(override.enabled(), followUp.enabled()),
              orGlobal(override.quietPeriod(), followUp.quietPeriod()),
              orGlobal(override.attempts(), followUp.attempts()),
              orGlobal(override.callingHours(), followUp.callingHours()),
              orGlobal(override.zone(), followUp.zone()),
              followUp.reportTimeout(),
              followUp.onOutcome());
      var escalationOverride = route.escalation();
      var mergedEscalation =
          new JourneyProperties.Escalation(
              orGlobal(escalationOverride.teamId(), escalation.teamId()),
              orGlobal(escalationOverride.agentId(), escalation.agentId()),
              orGlobal(escalationOverride.label(), escalation.label()),
              escalation.phrases(),
              orGlobal(escalationOverride.transferNumber(), escalation.transferNumber()));
      String assistant =
          route.assistantIds().isEmpty()
              ? platforms.vapiAssistantId()
              : route.assistantIds().get(0);
      String number =
          route.phoneNumberIds().isEmpty()
              ? platforms.vapiPhoneNumberId()
              : route.phoneNumberIds().get(0);
      byName.put(
          route.name(),
          new Routed(
              route.name(),
              settings(
                  journey,
                  chatwootRoute(route.accountId(), route.inboxId()),
                  mergedFollowUp,
                  mergedEscalation,
                  assistant,
                  number,
                  botPolicy,
                  temporal,
                  "route " + route.name()),
              mergedEscalation.transferNumber()));
    }
  }

  /**
   * The route of a call, by the Vapi number it used, else its assistant; the default route when
   * none matches, or empty when unmapped calls are refused.
   */
  public Optional<Routed> forCall(String phoneNumberId, String assistantId) {
    for (RouteProperties.Route route : routes) {
      if (phoneNumberId != null && route.phoneNumberIds().contains(phoneNumberId)) {
        return Optional.of(byName.get(route.name()));
      }
    }
    for (RouteProperties.Route route : routes) {
      if (assistantId != null && route.assistantIds().contains(assistantId)) {
        return Optional.of(byName.get(route.name()));
      }
    }
    return refuseUnmapped ? Optional.empty() : Optional.of(defaultRoute);
  }

  /**
   * The route a journey id names; a route since removed from the config falls back to the default.
   */
  public Routed forJourney(String journeyId) {
    String name = JourneyIds.routeOf(journeyId);
    return name == null ? defaultRoute : byName.getOrDefault(name, defaultRoute);
  }

  public JourneySettings defaults() {
    return defaultRoute.settings();
  }

  /**
   * The contact-step queues of every account a journey can write in: one each, whatever the number
   * of routes into it, because Chatwoot's contact-search budget is per account.
   */
  public Set<String> contactTaskQueues() {
    Set<String> queues = new LinkedHashSet<>();
    queues.add(defaultRoute.settings().chatwoot().contactTaskQueue());
    byName.values().forEach(routed -> queues.add(routed.settings().chatwoot().contactTaskQueue()));
    return queues;
  }

  private static ChatwootRoute chatwootRoute(long accountId, long inboxId) {
    return new ChatwootRoute(accountId, inboxId, JourneyIds.contactTaskQueue(accountId));
  }

  /** A route's setting where it sets one, else the global one (which may itself be unset). */
  private static <T> T orGlobal(T routeValue, T globalValue) {
    return routeValue != null ? routeValue : globalValue;
  }

  private static JourneySettings settings(
      JourneyProperties journey,
      ChatwootRoute chatwoot,
      JourneyProperties.FollowUp followUp,
      JourneyProperties.Escalation escalation,
      String assistantId,
      String phoneNumberId,
      BotPolicy bot,
      TemporalSettings temporal,
      String which) {
    ZoneId.of(followUp.zone()); // fail at start-up, not in the middle of a journey
    boolean canCall = assistantId != null && phoneNumberId != null;
    if (followUp.enabled() && !canCall) {
      log.warn(
          "Follow-up calls are off for {}: set handoff.vapi.assistant-id and handoff.vapi.phone-number-id to enable them",
          which);
    }
    var retry = journey.retry();
    return new JourneySettings(
        chatwoot,
        new FollowUpPolicy(
            followUp.enabled() && canCall,
            followUp.quietPeriod(),
            followUp.attempts(),
            CallingWindow.parse(followUp.callingHours()),
            followUp.zone(),
            followUp.reportTimeout(),
            followUp.onOutcome(),
            assistantId,
            phoneNumberId),
        new EscalationPolicy(
            escalation.teamId(), escalation.agentId(), escalation.label(), escalation.phrases()),
        new PlatformRetry(retry.initialInterval(), retry.maximumInterval(), retry.attemptTimeout()),
        journey.journey().continueAsNewAfterEvents(),
        temporal.searchAttributes(),
        bot);
  }

  private static void requireRoomForAReadAndAWrite(
      Duration attempt, String setting, Duration oneCall) {
    if (attempt.compareTo(oneCall.multipliedBy(2).plusSeconds(1)) < 0) {
      throw new IllegalStateException(
          "handoff.retry.attempt-timeout ("
              + attempt
              + ") must be at least twice "
              + setting
              + " ("
              + oneCall
              + ") plus a second");
    }
  }
}
