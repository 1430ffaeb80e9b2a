package org.handoffengine.workflows.chatwoot;

/**
 * @param teamId assigned when set, else {@code agentId}; with neither the conversation stays
 *     unassigned
 */
public record HandoverRequest(
    long accountId, long conversationId, Long teamId, Long agentId, String label) {}
