package org.handoffengine.workflows.journey;

import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The search attributes that make a journey findable in the Temporal UI ("HandoffCustomerKey =
 * '3f9c…'", the customer's keyed hash, which {@code GET /journeys?phone=…} computes). Search
 * attributes are stored unencrypted, so none carries a number or a name. The namespace must have
 * them registered; the worker registers them at start-up.
 */
public final class JourneySearchAttributes {

  /** The customer part of the journey id: the customer key, or the number of a legacy id. */
  public static final SearchAttributeKey<String> CUSTOMER_KEY =
      SearchAttributeKey.forKeyword("HandoffCustomerKey");

  /**
   * The plain number journeys upserted before ids were hashed. Nothing upserts it any more; it
   * stays registered so lookups can still find those journeys while they run.
   */
  public static final SearchAttributeKey<String> CUSTOMER_PHONE =
      SearchAttributeKey.forKeyword("HandoffCustomerPhone");

  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("HandoffStage");
  public static final SearchAttributeKey<Long> CONVERSATION_ID =
      SearchAttributeKey.forLong("HandoffConversationId");
  public static final SearchAttributeKey<Boolean> ESCALATED =
      SearchAttributeKey.forBoolean("HandoffEscalated");

  /** Name → Temporal indexed value type name, for registration. */
  public static final Map<String, String> ALL =
      Map.of(
          CUSTOMER_KEY.getName(), "KEYWORD",
          CUSTOMER_PHONE.getName(), "KEYWORD",
          STAGE.getName(), "KEYWORD",
          CONVERSATION_ID.getName(), "INT",
          ESCALATED.getName(), "BOOL");

  private JourneySearchAttributes() {}
}
