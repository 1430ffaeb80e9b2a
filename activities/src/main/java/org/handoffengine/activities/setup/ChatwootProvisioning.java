package org.handoffengine.activities.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handoffengine.activities.setup.SetupChange.Action;
import tools.jackson.databind.JsonNode;

/**
 * Makes a Chatwoot account point at the engine: the API inbox journeys open conversations in (found
 * by name, else created), the account webhook for the events the engine consumes, and, when the
 * first-responder bot is on, the agent bot assigned to that inbox. Each step reads first and writes
 * only what differs, so a second run changes nothing.
 */
public final class ChatwootProvisioning {

  /** What the engine consumes (issue: customer and agent messages, resolution and reopening). */
  static final List<String> SUBSCRIPTIONS = List.of("conversation_status_changed", "message_created");

  private final ChatwootSetupApi api;

  public ChatwootProvisioning(ChatwootSetupApi api) {
    this.api = api;
  }

  /** Adds what it did (or would do) to {@code changes}; returns the settings the engine needs. */
  public Map<String, String> provision(SetupTarget target, boolean dryRun, List<SetupChange> changes) {
    Map<String, String> settings = new LinkedHashMap<>();
    long account = target.chatwootAccountId();
    Long inboxId = inbox(target, account, dryRun, changes);
    settings.put("handoff.chatwoot.inbox-id", inboxId == null ? "(created on a real run)" : String.valueOf(inboxId));
    webhook(target, account, dryRun, changes);
    if (target.botName() == null) {
      changes.add(change("agent bot", Action.SKIP, "the first-responder bot is off (handoff.bot.base-url, handoff.bot.model)"));
    } else {
      Long botId = agentBot(target, account, dryRun, changes);
      assignBot(account, inboxId, botId, target.botName(), dryRun, changes);
    }
    return settings;
  }

  private Long inbox(SetupTarget target, long account, boolean dryRun, List<SetupChange> changes) {
    String resource = "API inbox \"" + target.inboxName() + "\"";
    for (JsonNode inbox : api.inboxes(account).path("payload")) {
      if (target.inboxName().equals(inbox.path("name").asString()) && "Channel::Api".equals(inbox.path("channel_type").asString())) {
        changes.add(change(resource, Action.KEEP, "id " + inbox.path("id").asLong()));
        return inbox.path("id").asLong();
      }
    }
    if (dryRun) {
      changes.add(change(resource, Action.CREATE, "API channel"));
      return null;
    }
    JsonNode created = api.createInbox(account, Map.of("name", target.inboxName(), "channel", Map.of("type", "api")));
    changes.add(change(resource, Action.CREATE, "id " + created.path("id").asLong()));
    return created.path("id").asLong();
  }

  private void webhook(SetupTarget target, long account, boolean dryRun, List<SetupChange> changes) {
    String url = target.chatwootWebhookUrl();
    String base = target.publicUrl() + "/webhooks/chatwoot";
    Map<String, Object> desired = Map.of("url", url, "name", "Handoff Engine", "subscriptions", SUBSCRIPTIONS);
    for (JsonNode webhook : api.webhooks(account).path("payload").path("webhooks")) {
      String existing = webhook.path("url").asString("");
      if (!existing.equals(base) && !existing.startsWith(base + "?")) {
        continue;
      }
      List<String> subscribed = new ArrayList<>();
      webhook.path("subscriptions").forEach(s -> subscribed.add(s.asString()));
      if (existing.equals(url) && subscribed.containsAll(SUBSCRIPTIONS)) {
        changes.add(change("account webhook", Action.KEEP, masked(url) + " " + subscribed));
        return;
      }
      if (!dryRun) {
        api.updateWebhook(account, webhook.path("id").asLong(), desired);
      }
      changes.add(change("account webhook", Action.UPDATE, masked(url) + " " + SUBSCRIPTIONS));
      return;
    }
    if (!dryRun) {
      api.createWebhook(account, desired);
    }
    changes.add(change("account webhook", Action.CREATE, masked(url) + " " + SUBSCRIPTIONS));
  }

  private Long agentBot(SetupTarget target, long account, boolean dryRun, List<SetupChange> changes) {
    String url = target.chatwootWebhookUrl();
    String resource = "agent bot \"" + target.botName() + "\"";
    Map<String, Object> desired = Map.of("name", target.botName(), "description", "Handoff Engine first responder", "outgoing_url", url);
    for (JsonNode bot : api.agentBots(account)) {
      if (!target.botName().equals(bot.path("name").asString())) {
        continue;
      }
      long id = bot.path("id").asLong();
      if (url.equals(bot.path("outgoing_url").asString())) {
        changes.add(change(resource, Action.KEEP, "id " + id));
      } else {
        if (!dryRun) {
          api.updateAgentBot(account, id, desired);
        }
        changes.add(change(resource, Action.UPDATE, "outgoing_url " + masked(url)));
      }
      return id;
    }
    if (dryRun) {
      changes.add(change(resource, Action.CREATE, "outgoing_url " + masked(url)));
      return null;
    }
    long id = api.createAgentBot(account, desired).path("id").asLong();
    changes.add(change(resource, Action.CREATE, "id " + id + ", outgoing_url " + masked(url)));
    return id;
  }

  private void assignBot(long account, Long inboxId, Long botId, String botName, boolean dryRun, List<SetupChange> changes) {
    String resource = "bot of the API inbox";
    if (inboxId != null && botId != null) {
      JsonNode assigned = api.inboxAgentBot(account, inboxId).path("agent_bot");
      if (Objects.equals(assigned.path("id").isNumber() ? assigned.path("id").asLong() : null, botId)) {
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
