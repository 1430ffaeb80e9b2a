package org.handoffengine.workflows.vapi;

/**
 * @param reused true when a retry found the call placed by an earlier attempt
 */
public record PlacedCall(String callId, boolean reused) {}
