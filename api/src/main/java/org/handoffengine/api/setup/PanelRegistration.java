package org.handoffengine.api.setup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.handoffengine.activities.setup.ChatwootDashboardAppsApi;
import org.handoffengine.activities.setup.DashboardAppProvisioning;
import org.handoffengine.activities.setup.SetupChange;
import org.handoffengine.api.panel.PanelController;
import org.handoffengine.api.panel.PanelKeys;
import org.handoffengine.api.panel.PanelProperties;
import org.handoffengine.journeys.RouteProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code setup}'s journey-panel step: the panel as a dashboard app in every Chatwoot account the
 * engine routes calls to, each with that account's own panel credential.
 */
final class PanelRegistration {

  private PanelRegistration() {}

  static void register(
      Environment env,
      ChatwootDashboardAppsApi api,
      String publicUrl,
      boolean dryRun,
      List<SetupChange> changes) {
    String secret = env.getProperty("handoff.panel.secret");
    String apiToken = env.getProperty("handoff.api.token");
    if (blank(secret) && blank(apiToken)) {
      changes.add(
          new SetupChange(
              "chatwoot",
              "dashboard app",
              SetupChange.Action.SKIP,
              "set handoff.api.token (or handoff.panel.secret) for the journey panel's credential"));
      return;
    }
    PanelKeys keys = PanelKeys.of(secret, apiToken);
    String title = env.getProperty("handoff.panel.title", PanelProperties.DEFAULT_TITLE);
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    DashboardAppProvisioning provisioning = new DashboardAppProvisioning(api);
    for (long account : routedAccounts(env)) {
      provisioning.provision(
          account,
          title,
          base + PanelController.PATH,
          keys.panelUrl(base, account),
          dryRun,
          changes);
    }
  }

  /** The default account first, then each route's, once each. */
  static Set<Long> routedAccounts(Environment env) {
    Set<Long> accounts = new LinkedHashSet<>();
    accounts.add(Long.parseLong(env.getRequiredProperty("handoff.chatwoot.account-id")));
    Binder.get(env)
        .bind("handoff.routes", Bindable.listOf(RouteProperties.Route.class))
        .orElse(List.of())
        .forEach(
            route -> {
              if (route.accountId() != null) {
                accounts.add(route.accountId());
              }
            });
    return accounts;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
