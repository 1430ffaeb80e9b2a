package org.handoffengine.workflows.journey;

import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The search attributes that make a journey findable in the Temporal UI ("HandoffCustomerPhone =
 * '+14155550123'"). The namespace must have them registered; the worker registers them at start-up.
 */
public final class JourneySearchAttributes {

  public static final SearchAttributeKey<String> CUSTOMER_PHONE =
      SearchAttributeKey.forKeyword("HandoffCustomerPhone");
  public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("HandoffStage");
  public static final SearchAttributeKey<Long> CONVERSATION_ID =
      SearchAttributeKey.forLong("HandoffConversationId");
  public static final SearchAttributeKey<Boolean> ESCALATED =
      SearchAttributeKey.forBoolean("HandoffEscalated");

  /** Name → Temporal indexed value type name, for registration. */
  public static final Map<String, String> ALL =
      Map.of(
          CUSTOMER_PHONE.getName(), "KEYWORD",
          STAGE.getName(), "KEYWORD",
          CONVERSATION_ID.getName(), "INT",
          ESCALATED.getName(), "BOOL");

  private JourneySearchAttributes() {}
}
