package org.handoffengine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EngineRolesTest {

  @Test
  void aProcessThatNamesNoRoleRunsBothBesideItsOtherProfiles() {
    assertThat(profilesAfter(Map.of(), "test")).containsExactly("test", "api", "worker");
  }

  @Test
  void theRoleProfilesWinOverTheOlderSetting() {
    assertThat(profilesAfter(Map.of("handoff.roles", "api,worker"), "worker"))
        .containsExactly("worker");
  }

  @Test
  void theOlderSettingStillNamesTheRoles() {
    assertThat(profilesAfter(Map.of("handoff.roles", "api"), "test"))
        .containsExactly("test", "api");
    assertThat(profilesAfter(Map.of("handoff.roles", " worker "))).containsExactly("worker");
  }

  @Test
  void aRoleThatDoesNotExistStopsStartUp() {
    assertThatThrownBy(() -> profilesAfter(Map.of("handoff.roles", "api,wroker")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'wroker'");
  }

  private static String[] profilesAfter(Map<String, Object> settings, String... profiles) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
    environment.setActiveProfiles(profiles);
    new EngineRoles().postProcessEnvironment(environment, new SpringApplication());
    return environment.getActiveProfiles();
  }
}
