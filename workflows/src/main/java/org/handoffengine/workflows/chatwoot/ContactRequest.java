package org.handoffengine.workflows.chatwoot;

/**
 * @param inboxId the journey's API inbox; Chatwoot creates the contact's contact-inbox there
 * @param phone E.164 number, or null for a caller without one
 * @param identifier Chatwoot contact identifier used to find a contact without a phone number
 */
public record ContactRequest(
    long accountId, long inboxId, String phone, String name, String identifier) {}
