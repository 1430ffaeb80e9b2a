package org.handoffengine.worker;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no Temporal address configured the engine runs an in-process Temporal service, so {@code
 * java -jar} works without Docker. Setting {@code spring.temporal.connection.target} is all it
 * takes to use a real cluster instead.
 */
public class EmbeddedTemporal implements EnvironmentPostProcessor {

  static final String TARGET = "spring.temporal.connection.target";
  static final String TEST_SERVER = "spring.temporal.test-server.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String target = environment.getProperty(TARGET);
    if ((target == null || target.isBlank()) && !environment.containsProperty(TEST_SERVER)) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("handoffEmbeddedTemporal", Map.of(TEST_SERVER, "true")));
    }
  }
}
