package org.handoffengine.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the configuration metadata of the modules on this classpath,
 * so it cannot drift from the settings' defaults and Javadoc. Stale, this test fails and names the
 * command that rewrites it.
 */
class ConfigurationTableTest {

  static final String REGENERATE =
      "./mvnw -o -pl api -am test -Dtest=ConfigurationTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dhandoff.readme.regenerate=true";

  private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

  @Test
  void theReadmeTableIsTheConfigurationMetadata() throws IOException {
    String readme = Files.readString(README);
    String generated = ConfigurationTable.into(readme);
    if (Boolean.getBoolean("handoff.readme.regenerate")) {
      Files.writeString(README, generated);
      return;
    }
    assertThat(readme)
        .as(
            "README.md's configuration table is stale (a setting, default or @param changed); regenerate it with: "
                + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everySettingHasADescription() {
    assertThat(ConfigurationTable.markdown().lines().skip(2))
        .as("settings without @param Javadoc (or additional metadata)")
        .noneMatch(row -> row.endsWith("|  |"));
  }
}
