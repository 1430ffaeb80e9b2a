package org.handoffengine.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.reconciler.*}: the safety net for end-of-call reports Vapi failed to deliver.
 *
 * @param enabled recover end-of-call reports Vapi never delivered, by asking Vapi for recent calls
 * @param interval time between passes over Vapi's recent calls
 * @param lookback how far back each pass looks
 * @param grace how long a report may take to arrive before the reconciler steps in
 */
@ConfigurationProperties("handoff.reconciler")
public record ReconcilerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT10M") Duration interval,
    @DefaultValue("PT1H") Duration lookback,
    @DefaultValue("PT5M") Duration grace) {}
