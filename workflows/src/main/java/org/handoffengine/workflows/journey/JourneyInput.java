package org.handoffengine.workflows.journey;

/**
 * Start argument of a journey run.
 *
 * @param customerPhone E.164 number, or null for a journey keyed by an anonymous call
 * @param carriedOver the previous run's memory when this run continues a journey, else null
 */
public record JourneyInput(
    String journeyId, String customerPhone, JourneySettings settings, JourneyMemory carriedOver) {}
