package org.handoffengine.workflows.chatwoot;

public record ConversationRef(long conversationId, String status, boolean created) {}
