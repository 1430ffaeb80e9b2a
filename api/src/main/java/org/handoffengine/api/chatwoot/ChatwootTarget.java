package org.handoffengine.api.chatwoot;

/**
 * Which of Chatwoot's senders a delivery is addressed as, named by the URL {@code setup}
 * registered: an account's webhook ({@code /webhooks/chatwoot/accounts/<id>}, or the plain {@code
 * /webhooks/chatwoot} for the default account) or its agent bot ({@code .../accounts/<id>/bot}).
 * Each signs with its own secret.
 */
public record ChatwootTarget(long accountId, boolean agentBot) {

  public String signingSetting() {
    return "handoff.chatwoot.signing." + accountId + (agentBot ? ".agent-bot" : ".account-webhook");
  }

  @Override
  public String toString() {
    return (agentBot ? "agent bot" : "account webhook") + " of account " + accountId;
  }
}
