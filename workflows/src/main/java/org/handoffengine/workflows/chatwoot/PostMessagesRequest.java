package org.handoffengine.workflows.chatwoot;

import java.util.List;

/**
 * @param conversationCreatedInRun set only for the first messages of a conversation this run just
 *     created ({@link ConversationRef#createdInRun()}): the first attempt of that activity in that
 *     run knows the conversation holds none of them and need not list it first
 */
public record PostMessagesRequest(
    long accountId,
    long conversationId,
    List<OutgoingMessage> messages,
    String conversationCreatedInRun) {

  public PostMessagesRequest(long accountId, long conversationId, List<OutgoingMessage> messages) {
    this(accountId, conversationId, messages, null);
  }

  /**
   * @param key idempotency key, carried as a tag at the end of the message's content; a message
   *     whose key is already in the conversation is not posted again
   * @param privateNote true for a note only agents see
   */
  public record OutgoingMessage(String key, String content, boolean privateNote) {}
}
