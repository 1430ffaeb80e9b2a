package org.handoffengine.workflows.chatwoot;

/**
 * @param createdInRun when the conversation was created by this call, the id of the workflow run
 *     whose activity created it (an activity knows the run it serves; a reset or continue-as-new
 *     runs under another id), else null
 * @param firstMessageId when the conversation was created by this call with a {@link
 *     ConversationRequest#firstMessage()}, that message's id if Chatwoot's answer named it, else
 *     null (the message is there either way: Chatwoot stores it in the same transaction)
 */
public record ConversationRef(
    long conversationId, String status, boolean created, String createdInRun, Long firstMessageId) {

  public ConversationRef(long conversationId, String status, boolean created) {
    this(conversationId, status, created, null, null);
  }

  public ConversationRef(long conversationId, String status, boolean created, String createdInRun) {
    this(conversationId, status, created, createdInRun, null);
  }
}
