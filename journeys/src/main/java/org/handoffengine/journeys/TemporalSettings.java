package org.handoffengine.journeys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.temporal.*}.
 *
 * @param timeSkipping only for the embedded server: skip timers whenever a client waits. Tests want
 *     it; a running engine must not have it, or one blocking call fast-forwards every journey's
 *     follow-up timers by days
 * @param searchAttributes register the journey search attributes (at start-up) and upsert them
 * @param rpcDeadline how long a call to Temporal (a webhook's start or signal) may take, retries
 *     included, before the webhook answers 503 and the sender retries
 * @param updateDeadline how long an escalation or an agent action (stop follow-ups, call now, hand
 *     back) may take to be taken in and answered by its journey, before the webhook, the journey
 *     API or the panel answers 503 (the Vapi escalate tool: that the request could not be recorded)
 *     and the sender retries; an escalation taken in whose hand-over is still going on at the
 *     deadline is answered queued
 */
@ConfigurationProperties("handoff.temporal")
public record TemporalSettings(
    @DefaultValue("false") boolean timeSkipping,
    @DefaultValue("true") boolean searchAttributes,
    @DefaultValue("PT5S") Duration rpcDeadline,
    @DefaultValue("PT5S") Duration updateDeadline) {}
