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
    List<String> tools) {

  public SetupTarget {
    publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    serverMessages = List.copyOf(serverMessages);
    tools = List.copyOf(tools);
  }

  String chatwootWebhookUrl() {
    String url = publicUrl + "/webhooks/chatwoot";
    return chatwootSecret == null ? url : url + "?token=" + chatwootSecret;
  }

  String vapiServerUrl() {
    return publicUrl + "/webhooks/vapi";
  }
}
