package org.handoffengine.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The engine's roles are the Spring profiles {@value #API} (webhooks, the journey API) and {@value
 * #WORKER} (runs journeys): {@code SPRING_PROFILES_ACTIVE=api} or {@code
 * --spring.profiles.active=worker}. A process that activates neither runs both, the combined
 * engine, whatever other profiles it has ({@code test}, {@code bench}). The older {@code
 * handoff.roles} ({@code HANDOFF_ROLES=api}) still names them when neither profile is active.
 *
 * <p>Runs before the configuration files are read, so that {@code application-worker.yaml} loads
 * with its profile; {@code handoff.roles} is therefore read from the command line, system
 * properties and the environment, not from a configuration file.
 */
public class EngineRoles implements EnvironmentPostProcessor, Ordered {

  public static final String API = "api";
  public static final String WORKER = "worker";
  static final String LEGACY_ROLES = "handoff.roles";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Set<String> active = new LinkedHashSet<>(Arrays.asList(environment.getActiveProfiles()));
    active.addAll(application.getAdditionalProfiles());
    if (active.contains(API) || active.contains(WORKER)) {
      return;
    }
    roles(environment.getProperty(LEGACY_ROLES)).forEach(environment::addActiveProfile);
  }

  /** The roles {@code handoff.roles} names; both when it is unset. */
  static List<String> roles(String legacy) {
    if (legacy == null || legacy.isBlank()) {
      return List.of(API, WORKER);
    }
    List<String> roles = new ArrayList<>();
    for (String role : legacy.split(",")) {
      String name = role.trim();
      if (!name.equals(API) && !name.equals(WORKER)) {
        throw new IllegalArgumentException(
            LEGACY_ROLES
                + " (HANDOFF_ROLES) names the roles api and worker, not '"
                + name
                + "'; or set spring.profiles.active");
      }
      roles.add(name);
    }
    return roles;
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER - 1;
  }
}
