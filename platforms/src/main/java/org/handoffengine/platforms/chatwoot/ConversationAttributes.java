package org.handoffengine.platforms.chatwoot;

import java.util.Map;

/**
 * The custom attributes the engine writes on the Chatwoot conversations it opens. The journey id is
 * how a webhook about a conversation finds its journey, and how a retried open finds the
 * conversation an earlier attempt created: a conversation without it is not the engine's.
 */
public final class ConversationAttributes {

  /** The journey that owns the conversation. */
  public static final String JOURNEY = "handoff_journey_id";

  /** The call whose report opened the conversation. */
  public static final String FIRST_CALL = "handoff_first_call_id";

  private ConversationAttributes() {}

  /** The journey a conversation's {@code custom_attributes} name, or null when they name none. */
  public static String journeyIdOf(Map<String, ?> customAttributes) {
    Object value = customAttributes == null ? null : customAttributes.get(JOURNEY);
    String text = value instanceof String || value instanceof Number ? value.toString() : null;
    return text == null || text.isBlank() ? null : text;
  }
}
