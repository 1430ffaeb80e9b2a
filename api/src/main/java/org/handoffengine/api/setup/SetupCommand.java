package org.handoffengine.api.setup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handoffengine.activities.PlatformClients;
import org.handoffengine.activities.chatwoot.ChatwootAccess;
import org.handoffengine.activities.chatwoot.ChatwootProfileApi;
import org.handoffengine.activities.setup.ChatwootDashboardAppsApi;
import org.handoffengine.activities.setup.ChatwootProvisioning;
import org.handoffengine.activities.setup.ChatwootSetupApi;
import org.handoffengine.activities.setup.SetupChange;
import org.handoffengine.activities.setup.SetupTarget;
import org.handoffengine.activities.setup.SetupTarget.RoutedAccount;
import org.handoffengine.activities.setup.VapiProvisioning;
import org.handoffengine.activities.setup.VapiSetupApi;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * {@code java -jar handoff-engine.jar setup --public-url https://engine.example.com [--dry-run]}:
 * points Chatwoot and Vapi at the engine, idempotently, with the engine's own settings (file,
 * environment or {@code --handoff.x=y} arguments). It needs no inbox id yet: it prints the ids the
 * engine's configuration needs. Runs without Temporal and without the web server.
 */
public final class SetupCommand {

  /**
   * The Vapi messages the engine handles at the assistant level (assistant-request is the phone
   * number's).
   */
  static final List<String> SERVER_MESSAGES =
      List.of(
          "end-of-call-report",
          "status-update",
          "hang",
          "tool-calls",
          "transfer-destination-request");

  private SetupCommand() {}

  public static int run(String[] args, PrintStream out) {
    List<String> springArgs = new ArrayList<>();
    String publicUrl = null;
    boolean dryRun = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dry-run")) {
        dryRun = true;
      } else if (args[i].equals("--public-url") && i + 1 < args.length) {
        publicUrl = args[++i];
      } else if (args[i].startsWith("--public-url=")) {
        publicUrl = args[i].substring("--public-url=".length());
      } else {
        springArgs.add(args[i]);
      }
    }
    if (publicUrl == null || !publicUrl.matches("https?://.+")) {
      out.println(
          "setup needs --public-url, the engine's address as Chatwoot and Vapi reach it, e.g. --public-url https://engine.example.com");
      return 2;
    }
    SpringApplication settingsOnly = new SpringApplication(SetupCommand.class);
    settingsOnly.setWebApplicationType(WebApplicationType.NONE);
    settingsOnly.setBannerMode(Banner.Mode.OFF);
    settingsOnly.setLogStartupInfo(false);
    try (ConfigurableApplicationContext context =
        settingsOnly.run(springArgs.toArray(String[]::new))) {
      return provision(context.getEnvironment(), publicUrl, dryRun, out);
    }
  }

  private static int provision(Environment env, String publicUrl, boolean dryRun, PrintStream out) {
    List<String> missing = new ArrayList<>();
    String chatwootUrl = required(env, "handoff.chatwoot.base-url", missing);
    String chatwootToken = required(env, "handoff.chatwoot.api-token", missing);
    String account = required(env, "handoff.chatwoot.account-id", missing);
    String vapiKey = required(env, "handoff.vapi.api-key", missing);
    if (!missing.isEmpty()) {
      out.println(
          "setup needs "
              + String.join(", ", missing)
              + " (in application.yaml, the environment, or as --name=value)");
      return 2;
    }
    boolean botOn =
        !blank(env.getProperty("handoff.bot.base-url"))
            && !blank(env.getProperty("handoff.bot.model"));
    SetupTarget target =
        new SetupTarget(
            publicUrl,
            Long.parseLong(account),
            env.getProperty("handoff.setup.inbox-name", "Voice calls"),
            blankToNull(env.getProperty("handoff.chatwoot.webhook-secret")),
            botOn ? env.getProperty("handoff.setup.bot-name", "Handoff Engine") : null,
            blankToNull(env.getProperty("handoff.vapi.assistant-id")),
            blankToNull(env.getProperty("handoff.vapi.webhook-secret")),
            SERVER_MESSAGES,
            List.of(
                env.getProperty("handoff.vapi.tools.escalate", "escalateToHuman"),
                env.getProperty("handoff.vapi.tools.lookup", "lookupCustomer"),
                env.getProperty("handoff.vapi.tools.schedule-callback", "scheduleCallback")),
            routedAccounts(env));
    Duration timeout = Duration.ofSeconds(20);
    ChatwootSetupApi chatwoot =
        PlatformClients.create(
            ChatwootSetupApi.class,
            RestClient.builder(),
            "Chatwoot",
            chatwootUrl,
            "api_access_token",
            chatwootToken,
            timeout);
    ChatwootDashboardAppsApi dashboardApps =
        PlatformClients.create(
            ChatwootDashboardAppsApi.class,
            RestClient.builder(),
            "Chatwoot",
            chatwootUrl,
            "api_access_token",
            chatwootToken,
            timeout);
    VapiSetupApi vapi =
        PlatformClients.create(
            VapiSetupApi.class,
            RestClient.builder(),
            "Vapi",
            env.getProperty("handoff.vapi.base-url", "https://api.vapi.ai"),
            "Authorization",
            "Bearer " + vapiKey,
            timeout);

    ChatwootAccess access =
        new ChatwootAccess(
            PlatformClients.create(
                ChatwootProfileApi.class,
                RestClient.builder(),
                "Chatwoot",
                chatwootUrl,
                "api_access_token",
                chatwootToken,
                timeout));

    List<SetupChange> changes = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    PrivateAddress.warning(target.publicUrl()).ifPresent(out::println);
    out.println(
        (dryRun ? "Planned changes (dry run, nothing is written)" : "Changes")
            + " for an engine at "
            + target.publicUrl()
            + ":");
    try {
      for (long accountId : accounts(target)) {
        var problem = access.problemProvisioning(accountId);
        if (problem.isPresent()) {
          out.println("setup stopped: " + problem.get());
          return 1;
        }
      }
      settings.putAll(new ChatwootProvisioning(chatwoot).provision(target, dryRun, changes));
      PanelRegistration.register(env, dashboardApps, target.publicUrl(), dryRun, changes);
      settings.putAll(new VapiProvisioning(vapi).provision(target, dryRun, changes));
    } catch (RuntimeException refused) {
      changes.forEach(change -> out.println("  " + change));
      out.println("setup stopped: " + refused.getMessage());
      return 1;
    }
    changes.forEach(change -> out.println("  " + change));
    long changed = changes.stream().filter(SetupChange::changes).count();
    out.println(
        changed == 0
            ? "Nothing to change."
            : changed + (dryRun ? " change(s) planned." : " change(s) made."));
    out.println(
        "Settings for the engine (the signing secrets are Chatwoot's, generated for each webhook and bot: keep them secret):");
    settings.forEach((name, value) -> out.println("  " + name + " = " + value));
    return 0;
  }

  private static List<Long> accounts(SetupTarget target) {
    List<Long> accounts = new ArrayList<>(List.of(target.chatwootAccountId()));
    target.routedAccounts().stream()
        .map(RoutedAccount::accountId)
        .filter(a -> !accounts.contains(a))
        .forEach(accounts::add);
    return accounts;
  }

  /**
   * {@code handoff.routes[*].account-id} and {@code .inbox-id}: each routed account gets its own
   * webhook and bot.
   */
  private static List<RoutedAccount> routedAccounts(Environment env) {
    List<RoutedAccount> routed = new ArrayList<>();
    for (int i = 0; env.containsProperty("handoff.routes[" + i + "].account-id"); i++) {
      routed.add(
          new RoutedAccount(
              Long.parseLong(env.getProperty("handoff.routes[" + i + "].account-id")),
              Long.parseLong(env.getProperty("handoff.routes[" + i + "].inbox-id", "-1"))));
    }
    return routed;
  }

  private static String required(Environment env, String name, List<String> missing) {
    String value = env.getProperty(name);
    if (blank(value)) {
      missing.add(name);
    }
    return value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToNull(String value) {
    return blank(value) ? null : value;
  }
}
