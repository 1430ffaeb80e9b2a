package org.handoffengine.workflows.chatwoot;

/**
 * @param sourceId the source id to use when the contact has no contact-inbox in this inbox yet
 */
public record ContactInboxRequest(long accountId, long contactId, long inboxId, String sourceId) {}
