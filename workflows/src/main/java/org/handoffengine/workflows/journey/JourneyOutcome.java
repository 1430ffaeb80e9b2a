package org.handoffengine.workflows.journey;

/** What a finished journey run reports. */
public record JourneyOutcome(
    String journeyId, JourneyStage stage, int calls, Long conversationId) {}
