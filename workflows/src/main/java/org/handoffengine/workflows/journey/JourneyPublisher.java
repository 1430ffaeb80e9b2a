package org.handoffengine.workflows.journey;

import io.temporal.common.SearchAttributeUpdate;
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

  void publish(JourneyMemory journey, String statusLine) {
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
      updates.add(SearchAttributeUpdate.valueSet(JourneySearchAttributes.CUSTOMER_KEY, customerKey));
    }
    if (journey.stage() != stage) {
      stage = journey.stage();
      updates.add(SearchAttributeUpdate.valueSet(JourneySearchAttributes.STAGE, stage.name()));
    }
    if (journey.conversation.conversationId != null && !journey.conversation.conversationId.equals(conversationId)) {
      conversationId = journey.conversation.conversationId;
      updates.add(SearchAttributeUpdate.valueSet(JourneySearchAttributes.CONVERSATION_ID, conversationId));
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
