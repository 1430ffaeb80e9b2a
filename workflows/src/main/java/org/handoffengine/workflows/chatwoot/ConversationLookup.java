package org.handoffengine.workflows.chatwoot;

public record ConversationLookup(long accountId, long conversationId) {}
