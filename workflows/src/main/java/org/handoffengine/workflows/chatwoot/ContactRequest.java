package org.handoffengine.workflows.chatwoot;

/**
 * @param phone E.164 number, or null for a caller without one
 * @param identifier Chatwoot contact identifier used to find a contact without a phone number
 */
public record ContactRequest(long accountId, String phone, String name, String identifier) {}
