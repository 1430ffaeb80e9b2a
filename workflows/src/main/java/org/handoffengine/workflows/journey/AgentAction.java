package org.handoffengine.workflows.journey;

/**
 * A person asking the journey to change course: stop its follow-up calls, call the customer now,
 * take the journey back from a human, or retry a refused write.
 *
 * @param requestId dedupe key (a panel click, an API request, a Chatwoot delivery)
 * @param agent who asked, as the private note names them, e.g. "Jordan Lee (Chatwoot agent 31)"
 * @param source "chatwoot-panel", "api" or "chatwoot"
 * @param outsideCallingHours for a call now: place it even outside the calling window
 */
public record AgentAction(
    String requestId, String agent, String source, boolean outsideCallingHours) {

  public AgentAction(String requestId, String agent, String source) {
    this(requestId, agent, source, false);
  }
}
