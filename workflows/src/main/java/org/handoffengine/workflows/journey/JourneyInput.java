package org.handoffengine.workflows.journey;

/**
 * Start argument of a journey run.
 *
 * @param customerPhone E.164 number, or null for a journey keyed by an anonymous call
 * @param carriedOver the previous run's memory when this run continues a journey, else null
 * @param reopened the Chatwoot conversation to adopt when an agent reopens a resolved journey's
 *     conversation, else null
 */
public record JourneyInput(
    String journeyId,
    String customerPhone,
    JourneySettings settings,
    JourneyState carriedOver,
    Reopened reopened) {

  public JourneyInput(
      String journeyId, String customerPhone, JourneySettings settings, JourneyState carriedOver) {
    this(journeyId, customerPhone, settings, carriedOver, null);
  }

  /** A resolved conversation that was opened again in Chatwoot. */
  public record Reopened(long contactId, long conversationId) {}
}
