package org.handoffengine.workflows.chatwoot;

import java.util.List;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;

/**
 * @param journeyId written into the conversation's custom attributes; finds it again on retry
 * @param firstMessage when not null, created with the conversation in the same request (Chatwoot's
 *     {@code message} in {@code POST /conversations}, stored in one transaction with it): a
 *     conversation found again on retry already holds it
 * @param contactCreatedInRun {@link ContactRef#createdInRun()} of the contact: on the first attempt
 *     in that run there is no conversation of the contact to look for
 * @param laterMessages when not null, posted in the same step, in order, right after the
 *     conversation is opened (a conversation this attempt created holds none of them yet; one found
 *     again is looked through first, as {@link ChatwootActivities#postMessages} does), so a new
 *     caller's call is in Chatwoot after one step instead of two
 */
public record ConversationRequest(
    long accountId,
    long inboxId,
    long contactId,
    String sourceId,
    String journeyId,
    String callId,
    OutgoingMessage firstMessage,
    String contactCreatedInRun,
    List<OutgoingMessage> laterMessages) {

  public ConversationRequest(
      long accountId,
      long inboxId,
      long contactId,
      String sourceId,
      String journeyId,
      String callId) {
    this(accountId, inboxId, contactId, sourceId, journeyId, callId, null, null, null);
  }

  /** The request of journeys that post the call's other messages in a step of their own. */
  public ConversationRequest(
      long accountId,
      long inboxId,
      long contactId,
      String sourceId,
      String journeyId,
      String callId,
      OutgoingMessage firstMessage,
      String contactCreatedInRun) {
    this(
        accountId,
        inboxId,
        contactId,
        sourceId,
        journeyId,
        callId,
        firstMessage,
        contactCreatedInRun,
        null);
  }
}
