package org.handoffengine.workflows.policy;

import java.time.Duration;

/**
 * How activities retry Chatwoot and Vapi calls. There is no attempt limit: an outage delays a
 * journey, it never fails one. Refusals that retrying cannot fix (401, 403, 404, 422) are
 * non-retryable failures raised by the activities themselves.
 *
 * @param initialInterval first backoff; doubles on each attempt
 * @param maximumInterval backoff ceiling
 * @param attemptTimeout how long one attempt may take before it counts as failed
 */
public record PlatformRetry(
    Duration initialInterval, Duration maximumInterval, Duration attemptTimeout) {}
