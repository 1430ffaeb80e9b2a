package org.handoffengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The no-op endpoint exists only when the bench asks for it, the way the bench asks. */
class NoopEndpointProfileTest {

  @Configuration(proxyBeanMethods = false)
  @Import(NoopEndpoint.class)
  static class OnlyTheEndpoint {}

  @Test
  void anEngineStartedWithoutTheBenchProfileHasNoNoopEndpoint() {
    assertThat(hasNoopEndpoint()).isFalse();
    assertThat(hasNoopEndpoint("--handoff.bench.noop-endpoint=true"))
        .as("the old switch")
        .isFalse();
  }

  @Test
  void theBenchsFlagAddsItBesideAnyOtherProfile() {
    assertThat(hasNoopEndpoint("--spring.profiles.include=bench")).isTrue();
    assertThat(hasNoopEndpoint("--spring.profiles.include=bench", "--spring.profiles.active=test"))
        .isTrue();
  }

  @Test
  void theBenchProfileLeavesTheRolesAsTheyWere() {
    assertThat(activeProfiles("--spring.profiles.include=bench"))
        .contains("api", "worker", "bench");
    assertThat(activeProfiles("--spring.profiles.include=bench", "--handoff.roles=api"))
        .contains("api", "bench")
        .doesNotContain("worker");
  }

  private static boolean hasNoopEndpoint(String... args) {
    try (ConfigurableApplicationContext context = start(args)) {
      return !context.getBeansOfType(NoopEndpoint.class).isEmpty();
    }
  }

  private static String[] activeProfiles(String... args) {
    try (ConfigurableApplicationContext context = start(args)) {
      return context.getEnvironment().getActiveProfiles();
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(OnlyTheEndpoint.class)
        .web(WebApplicationType.NONE)
        .run(args);
  }
}
