package org.handoffengine.api.panel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.activities.PlatformClients;
import org.handoffengine.activities.setup.ChatwootDashboardAppsApi;
import org.handoffengine.activities.setup.DashboardAppProvisioning;
import org.handoffengine.activities.setup.SetupChange;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.workflows.journey.JourneyView;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The panel's tests share one engine with two Chatwoot accounts: the default route (account 1) and
 * a "sales" route (account 2), so a panel can be shown a journey of the other account.
 */
abstract class PanelTest extends EngineTest {

  static final long SALES_ACCOUNT = 2;
  static final long SALES_INBOX = 18;
  static final PanelKeys KEYS = PanelKeys.of(null, "test-api-token");

  static {
    CHATWOOT.withAccount(SALES_ACCOUNT, SALES_INBOX);
  }

  @DynamicPropertySource
  static void routes(DynamicPropertyRegistry registry) {
    registry.add("handoff.routes[0].name", () -> "sales");
    registry.add("handoff.routes[0].phone-number-ids[0]", () -> "pn-panel-sales");
    registry.add("handoff.routes[0].account-id", () -> String.valueOf(SALES_ACCOUNT));
    registry.add("handoff.routes[0].inbox-id", () -> String.valueOf(SALES_INBOX));
    registry.add("handoff.panel.temporal-ui-url", () -> "http://127.0.0.1:8233");
  }

  String engineUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** A journey made the way production makes one: a Vapi report through the webhook. */
  JourneyView journeyFromACall(String callId, String phone, String phoneNumberId) {
    postVapi(Reports.endOfCall(callId, phone).via(phoneNumberId, null).toString());
    String journeyId = journeyOf(phoneNumberId == null ? null : "sales", phone);
    return awaitJourney(
        journeyId, s -> s.conversationId() != null && s.followUp().nextCallAt() != null);
  }

  /**
   * Registers the panel in an account's dashboard apps as {@code setup} does, framing {@code url}.
   */
  static List<SetupChange> registerPanel(long account, String url) {
    ChatwootDashboardAppsApi api =
        PlatformClients.create(
            ChatwootDashboardAppsApi.class,
            RestClient.builder(),
            "Chatwoot",
            CHATWOOT.baseUrl(),
            "api_access_token",
            "test-chatwoot-token",
            Duration.ofSeconds(5));
    List<SetupChange> changes = new ArrayList<>();
    String path = url.substring(0, url.indexOf('?'));
    new DashboardAppProvisioning(api)
        .provision(account, PanelProperties.DEFAULT_TITLE, path, url, false, changes);
    return changes;
  }

  String panelUrl(long account) {
    return KEYS.panelUrl(engineUrl(), account);
  }

  static String bearer(long account) {
    return "Bearer " + KEYS.keyFor(account);
  }
}
