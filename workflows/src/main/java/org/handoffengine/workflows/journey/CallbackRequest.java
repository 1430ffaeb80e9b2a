package org.handoffengine.workflows.journey;

import java.time.Instant;

/**
 * The customer asked, during a call, to be called back at a given time.
 *
 * @param eventId dedupe key (the Vapi tool call id)
 */
public record CallbackRequest(String eventId, Instant at) {}
