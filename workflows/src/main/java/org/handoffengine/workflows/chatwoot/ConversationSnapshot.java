package org.handoffengine.workflows.chatwoot;

import java.time.Instant;
import java.util.List;

/**
 * @param lastCustomerMessageAt newest incoming message from the contact, null if none
 * @param lastAgentMessageAt newest public outgoing message written by a person (not by the engine),
 *     null if none
 */
public record ConversationSnapshot(
    long conversationId,
    String status,
    Long assigneeId,
    Long teamId,
    List<String> labels,
    Instant lastCustomerMessageAt,
    Instant lastAgentMessageAt) {}
