package org.handoffengine.api.panel;

import java.util.LinkedHashSet;
import java.util.Set;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.ApiProperties;
import org.handoffengine.api.web.Secrets;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.RouteProperties;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a panel credential opens: the journeys of one Chatwoot account the engine routes calls to,
 * and of those only the journey that owns the conversation the panel was shown beside.
 */
@Component
public class PanelAccess {

  private final PanelKeys keys;
  private final Set<Long> routedAccounts = new LinkedHashSet<>();
  private final JourneyRoutes routes;

  public PanelAccess(
      PanelProperties panel,
      ApiProperties api,
      ChatwootProperties chatwoot,
      RouteProperties routing,
      JourneyRoutes routes) {
    this.keys = PanelKeys.of(panel.secret(), api.token());
    this.routes = routes;
    routedAccounts.add(chatwoot.accountId());
    routing.routes().forEach(route -> routedAccounts.add(route.accountId()));
  }

  /** True when {@code key} is the panel credential of {@code account}, a routed account. */
  public boolean opens(String key, long account) {
    return routedAccounts.contains(account) && keys.opens(key, account);
  }

  /** Refuses with 401 unless {@code Authorization: Bearer <key>} opens the account's panel. */
  public void requireKey(String authorization, Long account) {
    String key = Secrets.bearer(authorization);
    if (key == null) {
      throw ApiProblem.unauthorized(
          "the panel sends its credential as Authorization: Bearer <key>; open it from the dashboard app setup registered");
    }
    if (account == null || !opens(key, account)) {
      throw ApiProblem.unauthorized(
          "this panel's credential does not open account "
              + account
              + "; run setup again to register the panel's current URL");
    }
  }

  /** The journey must be one of the account's, and its conversation the one the panel is beside. */
  public String journeyOf(String journeyId, long account) {
    if (!JourneyIds.isJourneyId(journeyId)) {
      throw ApiProblem.badRequest("not a journey id: " + journeyId);
    }
    long owner = routes.forJourney(journeyId).settings().chatwoot().accountId();
    if (owner != account) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "this journey belongs to another Chatwoot account; the panel acts only for account "
              + account);
    }
    return journeyId;
  }

  public void requireConversation(JourneyView journey, long conversationId) {
    if (journey.conversationId() == null || journey.conversationId() != conversationId) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "conversation " + conversationId + " is not this journey's conversation");
    }
  }
}
