package org.handoffengine.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.temporal.*}.
 *
 * @param timeSkipping only for the embedded server: skip timers whenever a client waits. Tests want
 *     it; a running engine must not have it, or one blocking call fast-forwards every journey's
 *     follow-up timers by days
 * @param searchAttributes upsert (and register at start-up) the journey search attributes
 */
@ConfigurationProperties("handoff.temporal")
public record TemporalSettings(boolean timeSkipping, Boolean searchAttributes) {

  public TemporalSettings {
    searchAttributes = searchAttributes == null ? Boolean.TRUE : searchAttributes;
  }
}
