package org.handoffengine.workflows.chatwoot;

import java.util.List;

public record PostMessagesRequest(long accountId, long conversationId, List<OutgoingMessage> messages) {

  /**
   * @param key idempotency key, stored in the message's content attributes; a message whose key is
   *     already in the conversation is not posted again
   * @param privateNote true for a note only agents see
   */
  public record OutgoingMessage(String key, String content, boolean privateNote) {}
}
