package org.handoffengine.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.activities.vapi.VapiProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Temporal wiring shared by both roles: embedded-server options, search attributes, journey settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TemporalSettings.class, JourneyProperties.class, WorkerTuning.class})
public class TemporalConfiguration {

  /** Off in the running engine, on in tests: see {@link TemporalSettings#timeSkipping()}. */
  @Bean
  @ConditionalOnProperty(name = EmbeddedTemporal.TEST_SERVER, havingValue = "true")
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedTimeSkipping(TemporalSettings settings) {
    return options -> options.setUseTimeskipping(settings.timeSkipping());
  }

  @Bean
  SmartInitializingSingleton journeySearchAttributes(
      TemporalSettings settings,
      ObjectProvider<TestWorkflowEnvironment> embedded,
      ObjectProvider<WorkflowClient> client) {
    return () -> {
      if (!settings.searchAttributes()) {
        return;
      }
      TestWorkflowEnvironment testEnvironment = embedded.getIfAvailable();
      if (testEnvironment != null) {
        SearchAttributeRegistrar.register(testEnvironment);
      } else {
        SearchAttributeRegistrar.register(client.getObject());
      }
    };
  }

  @Bean
  JourneySettingsFactory journeySettingsFactory(
      JourneyProperties journey, ChatwootProperties chatwoot, VapiProperties vapi, TemporalSettings temporal) {
    return new JourneySettingsFactory(journey, chatwoot, vapi, temporal);
  }
}
