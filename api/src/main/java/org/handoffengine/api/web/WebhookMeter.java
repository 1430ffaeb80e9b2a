package org.handoffengine.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Counts webhooks by platform, type and outcome ({@code handoff.webhooks.received}). Types outside
 * the known set are counted as "unknown", so a platform adding message types cannot grow the number
 * of series without bound.
 */
@Component
public class WebhookMeter {

  private final MeterRegistry registry;

  public WebhookMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  public void received(String platform, String type, Set<String> knownTypes, String outcome) {
    registry
        .counter(
            "handoff.webhooks.received",
            "platform",
            platform,
            "type",
            knownTypes.contains(type) ? type : "unknown",
            "outcome",
            outcome)
        .increment();
  }
}
