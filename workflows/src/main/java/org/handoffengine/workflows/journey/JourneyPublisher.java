package org.handoffengine.workflows.journey;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Shows a journey in the Temporal UI: search attributes to find it, current details to read it.
 * Upserts only what changed, since every upsert is an event in the journey's history.
 */
final class JourneyPublisher {

  private final boolean searchAttributes;
  private String customerKey;
  private JourneyStage stage;
  private Long conversationId;
  private Boolean escalated;
  private String details;

  JourneyPublisher(boolean searchAttributes) {
    this.searchAttributes = searchAttributes;
  }

  /**
   * Starts from the attributes the run already has (set with the start, or carried over by
   * continue-as-new), so the first publish upserts only what differs. Only for runs of a shape that
   * expects it ({@link JourneyVersion}): earlier runs upserted everything at first.
   */
  void startFromCurrentAttributes() {
    if (!searchAttributes) {
      return;
    }
    SearchAttributes current = Workflow.getTypedSearchAttributes();
    customerKey = current.get(JourneySearchAttributes.CUSTOMER_KEY);
    String currentStage = current.get(JourneySearchAttributes.STAGE);
    stage = currentStage == null ? null : JourneyStage.valueOf(currentStage);
    conversationId = current.get(JourneySearchAttributes.CONVERSATION_ID);
    escalated = current.get(JourneySearchAttributes.ESCALATED);
  }

  void publish(JourneyState journey, String statusLine) {
    if (!Objects.equals(details, statusLine)) {
      details = statusLine;
      Workflow.setCurrentDetails(statusLine);
    }
    if (!searchAttributes) {
      return;
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(4);
    // The customer as the id names it, never the number a legacy id's journey once upserted: the
    // upsert stays in the same command as before, and replay does not compare attribute values.
    String key = JourneyIds.customerPartOf(journey.journeyId);
    if (key != null && !key.equals(customerKey)) {
      customerKey = key;
      updates.add(
          SearchAttributeUpdate.valueSet(JourneySearchAttributes.CUSTOMER_KEY, customerKey));
    }
    if (journey.stage() != stage) {
      stage = journey.stage();
      updates.add(SearchAttributeUpdate.valueSet(JourneySearchAttributes.STAGE, stage.name()));
    }
    if (journey.conversation.conversationId != null
        && !journey.conversation.conversationId.equals(conversationId)) {
      conversationId = journey.conversation.conversationId;
      updates.add(
          SearchAttributeUpdate.valueSet(JourneySearchAttributes.CONVERSATION_ID, conversationId));
    }
    if (!Objects.equals(escalated, journey.handover.escalated())) {
      escalated = journey.handover.escalated();
      updates.add(SearchAttributeUpdate.valueSet(JourneySearchAttributes.ESCALATED, escalated));
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }
}
