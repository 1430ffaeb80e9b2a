package org.handoffengine.journeys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.temporal.*}.
 *
 * @param timeSkipping only for the embedded server: skip timers whenever a client waits. Tests want
 *     it; a running engine must not have it, or one blocking call fast-forwards every journey's
 *     follow-up timers by days
 * @param searchAttributes upsert (and register at start-up) the journey search attributes
 * @param rpcDeadline how long a call to Temporal (a webhook's start or signal) may take, retries
 *     included, before the webhook answers 503 and the sender retries
 */
@ConfigurationProperties("handoff.temporal")
public record TemporalSettings(boolean timeSkipping, Boolean searchAttributes, Duration rpcDeadline) {

  public TemporalSettings {
    searchAttributes = searchAttributes == null ? Boolean.TRUE : searchAttributes;
    rpcDeadline = rpcDeadline == null ? Duration.ofSeconds(5) : rpcDeadline;
  }
}
