package org.handoffengine.workflows.chatwoot;

/** @param journeyId written into the conversation's custom attributes; finds it again on retry */
public record ConversationRequest(
    long accountId, long inboxId, long contactId, String sourceId, String journeyId, String callId) {}
