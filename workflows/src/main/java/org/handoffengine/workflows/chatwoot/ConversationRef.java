package org.handoffengine.workflows.chatwoot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * @param createdInRun when the conversation was created by this call, the id of the workflow run
 *     whose activity created it (an activity knows the run it serves; a reset or continue-as-new
 *     runs under another id), else null
 * @param firstMessageId when the conversation was created by this call with a {@link
 *     ConversationRequest#firstMessage()}, that message's id if Chatwoot's answer named it, else
 *     null (the message is there either way: Chatwoot stores it in the same transaction)
 * @param laterMessageIds when the request had {@link ConversationRequest#laterMessages()}, their
 *     Chatwoot ids in the same order (posted now or found from an earlier attempt), else null
 */
public record ConversationRef(
    long conversationId,
    String status,
    boolean created,
    String createdInRun,
    Long firstMessageId,
    List<Long> laterMessageIds) {

  public ConversationRef(
      long conversationId,
      String status,
      boolean created,
      String createdInRun,
      Long firstMessageId) {
    this(conversationId, status, created, createdInRun, firstMessageId, null);
  }

  public ConversationRef(long conversationId, String status, boolean created) {
    this(conversationId, status, created, null, null, null);
  }

  public ConversationRef(long conversationId, String status, boolean created, String createdInRun) {
    this(conversationId, status, created, createdInRun, null, null);
  }

  /** The same answer with the ids of the messages posted after it in the same step. */
  public ConversationRef withLaterMessageIds(List<Long> ids) {
    return new ConversationRef(
        conversationId,
        status,
        created,
        createdInRun,
        firstMessageId,
        Collections.unmodifiableList(new ArrayList<>(ids)));
  }
}
