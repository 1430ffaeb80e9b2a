package org.handoffengine.api.realserver;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points an engine context at the run's real Temporal server, in a namespace of its own. Added
 * first, so it wins over the embedded-server default the engine sets when no target is configured.
 */
public class RealTemporalInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "realTemporalServer",
                Map.of(
                    "spring.temporal.connection.target",
                    RealTemporalServers.target(),
                    "spring.temporal.namespace",
                    RealTemporalServers.freshNamespace(),
                    "spring.temporal.test-server.enabled",
                    "false",
                    "handoff.temporal.time-skipping",
                    "false")));
  }
}
