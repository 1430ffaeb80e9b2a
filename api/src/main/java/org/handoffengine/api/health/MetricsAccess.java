package org.handoffengine.api.health;

import org.handoffengine.api.web.TokenProtectedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The metrics endpoints answer only to the API token: they name the engine's routes, its traffic
 * and its platforms' answers, which is nothing for the public side of the proxy that webhooks come
 * through. Health stays open for the orchestrator's probes. Prometheus sends the token with its
 * scrape config's {@code authorization} setting.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsAccess {

  @Bean
  TokenProtectedPaths metricsNeedTheApiToken() {
    return path ->
        path.equals("/actuator/prometheus")
            || path.equals("/actuator/metrics")
            || path.startsWith("/actuator/metrics/")
            || path.startsWith("/actuator/prometheus/");
  }
}
