package org.handoffengine.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.TemporalSettings;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Temporal wiring shared by both roles: embedded-server options, RPC deadline, search attributes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcilerProperties.class)
public class TemporalConfiguration {

  /** Off in the running engine, on in tests: see {@link TemporalSettings#timeSkipping()}. */
  @Bean
  @ConditionalOnProperty(name = EmbeddedTemporal.TEST_SERVER, havingValue = "true")
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedTimeSkipping(
      TemporalSettings settings) {
    return options -> options.setUseTimeskipping(settings.timeSkipping());
  }

  /**
   * A webhook waits for Temporal to record its start or signal; when Temporal is unreachable that
   * wait ends at the deadline, and the webhook answers 503 instead of hanging until the sender
   * gives up.
   */
  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalRpcDeadline(
      TemporalSettings settings) {
    return options ->
        options
            .setRpcTimeout(settings.rpcDeadline())
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(settings.rpcDeadline())
                    .validateBuildWithDefaults());
  }

  /**
   * Registers the journey search attributes the namespace lacks, before any worker polls (a journey
   * upserting an unregistered attribute would fail its tasks) and in whichever role runs first,
   * since journeys start with their first attributes and an api role may take reports before any
   * worker ran. A worker role insists; an api role alone only warns when Temporal is down now, and
   * its starts then go without attributes ({@link JourneyClient}).
   */
  @Bean
  SmartInitializingSingleton journeySearchAttributes(
      TemporalSettings settings,
      ObjectProvider<TestWorkflowEnvironment> embedded,
      WorkflowClient client,
      Environment environment) {
    boolean worker = environment.acceptsProfiles(Profiles.of(EngineRoles.WORKER));
    return () -> {
      if (!settings.searchAttributes()) {
        return;
      }
      try {
        TestWorkflowEnvironment testEnvironment = embedded.getIfAvailable();
        if (testEnvironment != null) {
          SearchAttributeRegistrar.register(testEnvironment);
        } else {
          SearchAttributeRegistrar.register(client);
        }
      } catch (RuntimeException unreachable) {
        if (worker) {
          throw unreachable;
        }
        LoggerFactory.getLogger(TemporalConfiguration.class)
            .warn(
                "Could not register the journey search attributes now ({}); a worker registers them at its start-up",
                unreachable.getMessage());
      }
    };
  }
}
