package org.handoffengine.activities.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handoffengine.activities.setup.SetupChange.Action;
import org.handoffengine.activities.setup.SetupTarget.RoutedAccount;
import tools.jackson.databind.JsonNode;

/**
 * Makes Chatwoot accounts point at the engine: in the default account the API inbox journeys open
 * conversations in (found by name, else created); in it and in every routed account the account
 * webhook for the events the engine consumes and, when the first-responder bot is on, the agent bot
 * assigned to the account's inbox. Each step reads first and writes only what differs, so a second
 * run changes nothing. Chatwoot generates each webhook's and bot's signing secret; they are
 * returned as settings, for the engine to verify signatures with.
 */
public final class ChatwootProvisioning {

  /** What the engine consumes (issue: customer and agent messages, resolution and reopening). */
  static final List<String> SUBSCRIPTIONS =
      List.of("conversation_status_changed", "conversation_updated", "message_created");

  private final ChatwootSetupApi api;

  public ChatwootProvisioning(ChatwootSetupApi api) {
    this.api = api;
  }

  /** Adds what it did (or would do) to {@code changes}; returns the settings the engine needs. */
  public Map<String, String> provision(
      SetupTarget target, boolean dryRun, List<SetupChange> changes) {
    Map<String, String> settings = new LinkedHashMap<>();
    long account = target.chatwootAccountId();
    Long inboxId = inbox(target, account, dryRun, changes);
    settings.put(
        "handoff.chatwoot.inbox-id",
        inboxId == null ? "(created on a real run)" : String.valueOf(inboxId));
    List<RoutedAccount> places = new ArrayList<>();
    places.add(new RoutedAccount(account, inboxId == null ? -1 : inboxId));
    target.routedAccounts().stream()
        .filter(r -> places.stream().noneMatch(p -> p.accountId() == r.accountId()))
        .forEach(places::add);
    for (RoutedAccount place : places) {
      Long known = place.inboxId() < 0 ? null : place.inboxId();
      webhook(target, place.accountId(), dryRun, changes, settings);
      if (target.botName() == null) {
        changes.add(
            change(
                "agent bot",
                Action.SKIP,
                "the first-responder bot is off (handoff.bot.base-url, handoff.bot.model)"));
      } else {
        Long botId = agentBot(target, place.accountId(), dryRun, changes, settings);
        assignBot(place.accountId(), known, botId, target.botName(), dryRun, changes);
      }
    }
    return settings;
  }

  private Long inbox(SetupTarget target, long account, boolean dryRun, List<SetupChange> changes) {
    String resource = "API inbox \"" + target.inboxName() + "\"";
    for (JsonNode inbox : api.inboxes(account).path("payload")) {
      if (target.inboxName().equals(inbox.path("name").asString())
          && "Channel::Api".equals(inbox.path("channel_type").asString())) {
        changes.add(change(resource, Action.KEEP, "id " + inbox.path("id").asLong()));
        return inbox.path("id").asLong();
      }
    }
    if (dryRun) {
      changes.add(change(resource, Action.CREATE, "API channel"));
      return null;
    }
    JsonNode created =
        api.createInbox(
            account, Map.of("name", target.inboxName(), "channel", Map.of("type", "api")));
    changes.add(change(resource, Action.CREATE, "id " + created.path("id").asLong()));
    return created.path("id").asLong();
  }

  private void webhook(
      SetupTarget target,
      long account,
      boolean dryRun,
      List<SetupChange> changes,
      Map<String, String> settings) {
    String url = target.chatwootWebhookUrl(account);
    String base = target.chatwootWebhookBase();
    String resource = "account " + account + " webhook";
    Map<String, Object> desired =
        Map.of("url", url, "name", "Handoff Engine", "subscriptions", SUBSCRIPTIONS);
    JsonNode answer = null;
    for (JsonNode webhook : api.webhooks(account).path("payload").path("webhooks")) {
      String existing = webhook.path("url").asString("");
      if (!existing.equals(base)
          && !existing.startsWith(base + "?")
          && !existing.startsWith(base + "/")) {
        continue;
      }
      List<String> subscribed = new ArrayList<>();
      webhook.path("subscriptions").forEach(s -> subscribed.add(s.asString()));
      if (existing.equals(url) && subscribed.containsAll(SUBSCRIPTIONS)) {
        changes.add(change(resource, Action.KEEP, masked(url) + " " + subscribed));
        answer = webhook;
      } else {
        answer =
            dryRun
                ? null
                : api.updateWebhook(account, webhook.path("id").asLong(), desired)
                    .path("payload")
                    .path("webhook");
        changes.add(change(resource, Action.UPDATE, masked(url) + " " + SUBSCRIPTIONS));
      }
      break;
    }
    if (answer == null && changes.stream().noneMatch(c -> c.resource().equals(resource))) {
      answer = dryRun ? null : api.createWebhook(account, desired).path("payload").path("webhook");
      changes.add(change(resource, Action.CREATE, masked(url) + " " + SUBSCRIPTIONS));
    }
    signingSetting(
        settings,
        "handoff.chatwoot.signing." + account + ".account-webhook",
        answer,
        dryRun,
        "the webhook");
  }

  private Long agentBot(
      SetupTarget target,
      long account,
      boolean dryRun,
      List<SetupChange> changes,
      Map<String, String> settings) {
    String url = target.chatwootBotUrl(account);
    String resource = "account " + account + " agent bot \"" + target.botName() + "\"";
    String setting = "handoff.chatwoot.signing." + account + ".agent-bot";
    Map<String, Object> desired =
        Map.of(
            "name",
            target.botName(),
            "description",
            "Handoff Engine first responder",
            "outgoing_url",
            url);
    for (JsonNode bot : api.agentBots(account)) {
      // The list also holds system bots (account_id null), which no account may change.
      if (!target.botName().equals(bot.path("name").asString())
          || bot.path("account_id").asLong(-1) != account) {
        continue;
      }
      long id = bot.path("id").asLong();
      JsonNode answer = bot;
      if (url.equals(bot.path("outgoing_url").asString())) {
        changes.add(change(resource, Action.KEEP, "id " + id));
      } else {
        answer = dryRun ? null : api.updateAgentBot(account, id, desired);
        changes.add(change(resource, Action.UPDATE, "outgoing_url " + masked(url)));
      }
      signingSetting(settings, setting, answer, dryRun, "the agent bot");
      return id;
    }
    if (dryRun) {
      changes.add(change(resource, Action.CREATE, "outgoing_url " + masked(url)));
      signingSetting(settings, setting, null, true, "the agent bot");
      return null;
    }
    JsonNode created = api.createAgentBot(account, desired);
    long id = created.path("id").asLong();
    changes.add(change(resource, Action.CREATE, "id " + id + ", outgoing_url " + masked(url)));
    signingSetting(settings, setting, created, false, "the agent bot");
    return id;
  }

  /**
   * The secret Chatwoot generated for a target, as the setting the engine verifies its signatures
   * with.
   */
  private static void signingSetting(
      Map<String, String> settings, String name, JsonNode answer, boolean dryRun, String what) {
    String secret = answer == null ? null : answer.path("secret").asString(null);
    if (secret != null && !secret.isBlank()) {
      settings.put(name, secret);
    } else {
      settings.put(
          name,
          dryRun
              ? "(Chatwoot's secret for " + what + ", printed on a real run)"
              : "(none shown: this Chatwoot does not sign "
                  + what
                  + "'s deliveries, or does not show its secret; leave it unset and the URL's token authenticates them)");
    }
  }

  private void assignBot(
      long account,
      Long inboxId,
      Long botId,
      String botName,
      boolean dryRun,
      List<SetupChange> changes) {
    String resource = "account " + account + " inbox bot";
    if (inboxId != null && botId != null) {
      JsonNode assigned = api.inboxAgentBot(account, inboxId).path("agent_bot");
      if (Objects.equals(
          assigned.path("id").isNumber() ? assigned.path("id").asLong() : null, botId)) {
        changes.add(change(resource, Action.KEEP, "\"" + botName + "\""));
        return;
      }
    }
    if (!dryRun) {
      api.setInboxAgentBot(account, inboxId, Map.of("agent_bot", botId));
    }
    changes.add(change(resource, Action.UPDATE, "\"" + botName + "\""));
  }

  private static SetupChange change(String resource, Action action, String detail) {
    return new SetupChange("chatwoot", resource, action, detail);
  }

  static String masked(String url) {
    return url.replaceAll("token=[^&]*", "token=***");
  }
}
