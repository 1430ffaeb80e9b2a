package org.handoffengine.platforms.chatwoot;

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
}
