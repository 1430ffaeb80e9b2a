package org.handoffengine.workflows.journey;

/**
 * A request to hand the customer to a human.
 *
 * @param eventId dedupe key (a Chatwoot delivery, a Vapi tool call id, an API request id)
 * @param source "chatwoot", "vapi", "api" or "engine"
 */
public record EscalationRequest(String eventId, String source, String reason) {}
