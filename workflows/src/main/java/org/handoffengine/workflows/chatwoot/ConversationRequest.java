package org.handoffengine.workflows.chatwoot;

import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;

/**
 * @param journeyId written into the conversation's custom attributes; finds it again on retry
 * @param firstMessage when not null, created with the conversation in the same request (Chatwoot's
 *     {@code message} in {@code POST /conversations}, stored in one transaction with it): a
 *     conversation found again on retry already holds it
 * @param contactCreatedInRun {@link ContactRef#createdInRun()} of the contact: on the first attempt
 *     in that run there is no conversation of the contact to look for
 */
public record ConversationRequest(
    long accountId,
    long inboxId,
    long contactId,
    String sourceId,
    String journeyId,
    String callId,
    OutgoingMessage firstMessage,
    String contactCreatedInRun) {

  public ConversationRequest(
      long accountId,
      long inboxId,
      long contactId,
      String sourceId,
      String journeyId,
      String callId) {
    this(accountId, inboxId, contactId, sourceId, journeyId, callId, null, null);
  }
}
