package org.handoffengine.workflows.chatwoot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What the journey reads of its conversation before a follow-up call: only what decides whether to
 * call. Results recorded by older workers also carry the assignee, team and labels, which the
 * journey never read; they are ignored, so those histories still replay.
 *
 * @param lastCustomerMessageAt newest incoming message from the contact, null if none
 * @param lastAgentMessageAt newest public outgoing message written by a person (not by the engine),
 *     null if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationSnapshot(
    long conversationId,
    String status,
    Instant lastCustomerMessageAt,
    Instant lastAgentMessageAt) {}
