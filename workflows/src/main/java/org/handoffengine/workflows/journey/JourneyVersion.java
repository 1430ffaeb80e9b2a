package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;

/**
 * Which shape of the journey a run follows, decided once at the run's start. Every version marker
 * is a billable action, so journeys started on this code record one marker per run and every later
 * change they need follows from it, instead of one marker per change.
 *
 * <p>{@code search-attributes-at-start} 1: the starter sets the journey's first search attributes
 * with the start (customer key, stage, escalated), so the run upserts only what changes after; and
 * the conversation opens with the summary, as {@code source-id-from-contact} 2 does. 2: also, a
 * conversation the journey opens for a call gets the call's other messages in the same activity, so
 * a new caller's call is in Chatwoot one workflow task and one activity sooner. 3: also, a journey
 * without a contact finds or creates it and opens its conversation in that same step, on the
 * contact queue: one workflow task and one activity fewer again.
 */
final class JourneyVersion {

  private int atStart = Workflow.DEFAULT_VERSION;

  /** Records (or, on replay, reads) the run's shape; call first thing in the run. */
  void decide() {
    atStart = Workflow.getVersion("search-attributes-at-start", Workflow.DEFAULT_VERSION, 3);
  }

  boolean searchAttributesAtStart() {
    return atStart >= 1;
  }

  boolean conversationOpensWithTheCall() {
    return atStart >= 2;
  }

  boolean contactAndConversationInOneStep() {
    return atStart >= 3;
  }

  /**
   * {@code source-id-from-contact}: 1, the contact's answer names its place in the inbox; 2, also
   * the summary opens the conversation. Journeys of an earlier shape decide it where they did.
   */
  int roundTrips() {
    return atStart >= 1
        ? 2
        : Workflow.getVersion("source-id-from-contact", Workflow.DEFAULT_VERSION, 2);
  }
}
