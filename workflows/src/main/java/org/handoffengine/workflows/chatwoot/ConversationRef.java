package org.handoffengine.workflows.chatwoot;

/**
 * @param createdInRun when the conversation was created by this call, the id of the workflow run
 *     whose activity created it (an activity knows the run it serves; a reset or continue-as-new
 *     runs under another id), else null
 */
public record ConversationRef(long conversationId, String status, boolean created, String createdInRun) {

  public ConversationRef(long conversationId, String status, boolean created) {
    this(conversationId, status, created, null);
  }
}
