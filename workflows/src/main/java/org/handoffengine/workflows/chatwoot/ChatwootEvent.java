package org.handoffengine.workflows.chatwoot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Chatwoot webhook as a journey sees it.
 *
 * @param deliveryId Chatwoot's {@code X-Chatwoot-Delivery} id, null when the request had none
 * @param messageId the message's id for message events, else null
 * @param content the message text, for escalation phrases
 * @param status the conversation status for status changes
 */
public record ChatwootEvent(
    String deliveryId,
    long conversationId,
    Long messageId,
    String content,
    String status,
    Instant at) {

  /** Keys under which a journey remembers it has seen this event. */
  public List<String> dedupeKeys(String kind) {
    var keys = new ArrayList<String>(2);
    if (deliveryId != null) {
      keys.add("delivery:" + deliveryId);
    }
    if (messageId != null) {
      keys.add("message:" + messageId);
    }
    if (keys.isEmpty()) {
      keys.add(kind + ":" + conversationId + ":" + status + ":" + at);
    }
    return keys;
  }
}
