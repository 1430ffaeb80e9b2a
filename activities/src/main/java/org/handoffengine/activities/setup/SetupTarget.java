package org.handoffengine.activities.setup;

import java.util.List;

/**
 * Where the engine is reachable and what the platforms should know of it.
 *
 * @param publicUrl the engine's address as Chatwoot and Vapi reach it, without a trailing slash
 * @param chatwootSecret {@code handoff.chatwoot.webhook-secret}, carried as {@code ?token=} in the
 *     webhook and bot URLs; null leaves the URLs without it
 * @param botName the Chatwoot agent bot; null when the first-responder bot is off (no bot is made)
 * @param serverMessages the Vapi server messages the engine handles
 * @param tools the engine's tool names as configured (escalate, lookup, schedule callback)
 * @param routedAccounts the accounts and inboxes of {@code handoff.routes[*]}, each with its own
 *     webhook and (when the bot is on) agent bot
 */
public record SetupTarget(
    String publicUrl,
    long chatwootAccountId,
    String inboxName,
    String chatwootSecret,
    String botName,
    String vapiAssistantId,
    String vapiSecret,
    List<String> serverMessages,
    List<String> tools,
    List<RoutedAccount> routedAccounts) {

  public SetupTarget {
    publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    serverMessages = List.copyOf(serverMessages);
    tools = List.copyOf(tools);
    routedAccounts = routedAccounts == null ? List.of() : List.copyOf(routedAccounts);
  }

  /**
   * A route's Chatwoot account and the inbox its journeys use (already made; setup does not create
   * it).
   */
  public record RoutedAccount(long accountId, long inboxId) {}

  /**
   * Where the account's webhook delivers: the path names the account, so its signing secret is
   * known.
   */
  String chatwootWebhookUrl(long accountId) {
    return withToken(chatwootWebhookBase() + "/accounts/" + accountId);
  }

  /**
   * The agent bot's outgoing_url in that account: a target of its own, with its own signing secret.
   */
  String chatwootBotUrl(long accountId) {
    return withToken(chatwootWebhookBase() + "/accounts/" + accountId + "/bot");
  }

  String chatwootWebhookBase() {
    return publicUrl + "/webhooks/chatwoot";
  }

  private String withToken(String url) {
    return chatwootSecret == null ? url : url + "?token=" + chatwootSecret;
  }

  String vapiServerUrl() {
    return publicUrl + "/webhooks/vapi";
  }
}
