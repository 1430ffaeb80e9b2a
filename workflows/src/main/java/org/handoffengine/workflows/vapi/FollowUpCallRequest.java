package org.handoffengine.workflows.vapi;

import java.util.Map;

/**
 * @param attempt 1 for the first follow-up of the sequence
 * @param variableValues passed as {@code assistantOverrides.variableValues}, for the assistant's
 *     prompt ("You are calling back about {{summary}}")
 */
public record FollowUpCallRequest(
    String journeyId,
    int attempt,
    String assistantId,
    String phoneNumberId,
    String customerNumber,
    String customerName,
    Map<String, String> variableValues) {}
