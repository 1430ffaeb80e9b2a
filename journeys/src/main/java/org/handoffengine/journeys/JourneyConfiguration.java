package org.handoffengine.journeys;

import io.temporal.client.WorkflowClient;
import org.handoffengine.journeys.codec.EncryptionProperties;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The way into journeys, in both roles: the journey gateway, routing, and the customer's journey
 * id. The platform half of routing ({@link JourneyRoutes.Platforms}) comes from the role that binds
 * the platform settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  TemporalSettings.class,
  JourneyProperties.class,
  RouteProperties.class,
  PrivacyProperties.class
})
public class JourneyConfiguration {

  @Bean
  JourneyClient journeyClient(
      WorkflowClient client,
      JourneyRoutes routes,
      CustomerJourneys customers,
      TemporalSettings temporal) {
    return new JourneyClient(client, routes, customers, temporal.updateDeadline());
  }

  /**
   * Refuses to start without {@code handoff.privacy.id-key} when payloads are encrypted, and
   * without encryption on a real Temporal server (anything but the embedded one).
   */
  @Bean
  CustomerJourneys customerJourneys(
      WorkflowClient client,
      PrivacyProperties privacy,
      EncryptionProperties encryption,
      Environment environment) {
    boolean embedded =
        environment.getProperty("spring.temporal.test-server.enabled", Boolean.class, false);
    CustomerJourneys.requireEncryptionOnRealServer(!embedded, encryption.enabled(), privacy);
    return new CustomerJourneys(client, privacy, encryption.enabled());
  }

  @Bean
  JourneyRoutes journeyRoutes(
      JourneyProperties journey,
      RouteProperties routes,
      JourneyRoutes.Platforms platforms,
      TemporalSettings temporal) {
    return new JourneyRoutes(journey, routes, platforms, temporal);
  }
}
