package org.handoffengine.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.reconciler.*}: the safety net for end-of-call reports Vapi failed to deliver.
 *
 * @param interval time between passes over Vapi's recent calls
 * @param lookback how far back each pass looks
 * @param grace how long a report may take to arrive before the reconciler steps in
 */
@ConfigurationProperties("handoff.reconciler")
public record ReconcilerProperties(Boolean enabled, Duration interval, Duration lookback, Duration grace) {

  public ReconcilerProperties {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    interval = interval == null ? Duration.ofMinutes(10) : interval;
    lookback = lookback == null ? Duration.ofHours(1) : lookback;
    grace = grace == null ? Duration.ofMinutes(5) : grace;
  }
}
