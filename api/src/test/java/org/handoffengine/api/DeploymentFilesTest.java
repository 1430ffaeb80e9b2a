package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker is not available where the tests run, so the compose deployment is checked as data: the
 * services Temporal's own compose layout has, pinned images, the role split, and the UI pointed at
 * the engine's codec endpoint.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PINNED =
      Pattern.compile(".+:\\$\\{[A-Z_]+:-\\d+(\\.\\d+)+\\}|.+:\\d+(\\.\\d+)+");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yaml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void theComposeFileHasTemporalsLayoutAndBothEngineRoles() throws IOException {
    assertThat(services())
        .containsOnlyKeys(
            "postgresql",
            "temporal-admin-tools",
            "temporal",
            "temporal-create-namespace",
            "temporal-ui",
            "engine-api",
            "engine-worker");
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    services()
        .forEach(
            (name, service) -> {
              if (service.containsKey("image") && !name.startsWith("engine")) {
                assertThat((String) service.get("image")).as(name).matches(PINNED);
              }
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApiRoleStartsJourneysAndTheWorkerRoleRunsThem() throws IOException {
    var services = services();
    assertThat(((Map<String, Object>) services.get("engine-api").get("environment")))
        .containsEntry("HANDOFF_ROLES", "api");
    assertThat(((Map<String, Object>) services.get("engine-worker").get("environment")))
        .containsEntry("HANDOFF_ROLES", "worker");
    for (String engine : List.of("engine-api", "engine-worker")) {
      assertThat(services.get(engine)).containsKeys("build", "healthcheck");
      assertThat((Map<String, Object>) services.get(engine).get("environment"))
          .containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theUiDecodesPayloadsThroughTheEnginesCodecEndpoint() throws IOException {
    var ui = (Map<String, Object>) services().get("temporal-ui").get("environment");
    assertThat((String) ui.get("TEMPORAL_CODEC_ENDPOINT")).endsWith("/codec}");
  }

  @Test
  void theJobsScriptsAndTheEnvironmentTemplateShipWithTheRepository() throws IOException {
    assertThat(ROOT.resolve("deploy/temporal/setup-postgres.sh")).isRegularFile();
    assertThat(ROOT.resolve("deploy/temporal/create-namespace.sh")).isRegularFile();
    assertThat(ROOT.resolve("deploy/temporal/dynamicconfig/production-sql.yaml")).isRegularFile();
    String env = Files.readString(ROOT.resolve(".env.example"));
    assertThat(env)
        .contains(
            "HANDOFF_CHATWOOT_API_TOKEN=",
            "HANDOFF_VAPI_WEBHOOK_SECRET=",
            "HANDOFF_API_TOKEN=",
            "HANDOFF_ENCRYPTION_KEY_ID=",
            "HANDOFF_CODEC_ALLOWED_ORIGINS=",
            "HANDOFF_WORKER_MAX_CONCURRENT_ACTIVITIES=",
            "TEMPORAL_DB_PASSWORD=");
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile).contains("USER 10001", "extract --layers", "AS build");
  }

  @Test
  void theImageAndTheReadmesRunCommandStartTheEngineWithTheMeasuredJvmOptions() throws IOException {
    assertThat(ROOT.resolve("deploy/jvm.options")).isRegularFile();
    assertThat(Files.readString(ROOT.resolve("deploy/jvm.options")))
        .contains("-Xmx", "-XX:+UseSerialGC");
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains(
            "COPY deploy/jvm.options /app/jvm.options",
            "JDK_JAVA_OPTIONS=\"@/app/jvm.options\"",
            "MALLOC_ARENA_MAX=2");
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .contains("MALLOC_ARENA_MAX=2 java @deploy/jvm.options -jar api/target/handoff-engine.jar");
  }
}
