package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.api.panel.PanelKeys;
import org.handoffengine.api.setup.SetupCommand;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.VapiSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code setup} registers the journey panel as a dashboard app in every routed Chatwoot account,
 * idempotently.
 */
class DashboardAppSetupTest {

  private static final String ASSISTANT = "6c2b9e41-0a7d-4f3e-8b15-d9c4e2a7f018";
  private static final String ENGINE = "https://engine.example.com";
  private static final PanelKeys KEYS = PanelKeys.of(null, "setup-api-token");

  private final ChatwootSandbox chatwoot =
      new ChatwootSandbox("setup-chatwoot-token", 1).withAccount(2, 17);
  private final VapiSandbox vapi = new VapiSandbox("setup-vapi-key");
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    chatwoot.start();
    vapi.start();
    vapi.addAssistant(ASSISTANT, "Riley");
  }

  @AfterEach
  void stop() {
    chatwoot.close();
    vapi.close();
  }

  private int setup(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--public-url",
                ENGINE,
                "--handoff.chatwoot.base-url=" + chatwoot.baseUrl(),
                "--handoff.chatwoot.api-token=setup-chatwoot-token",
                "--handoff.chatwoot.account-id=1",
                "--handoff.chatwoot.webhook-secret=cw-secret",
                "--handoff.vapi.base-url=" + vapi.baseUrl(),
                "--handoff.vapi.api-key=setup-vapi-key",
                "--handoff.vapi.webhook-secret=vapi-secret",
                "--handoff.vapi.assistant-id=" + ASSISTANT,
                "--handoff.api.token=setup-api-token",
                "--handoff.routes[0].name=sales",
                "--handoff.routes[0].account-id=2",
                "--handoff.routes[0].inbox-id=17"));
    args.addAll(List.of(extra));
    printed.reset();
    return SetupCommand.run(
        args.toArray(String[]::new), new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @Test
  void theFirstRunCreatesOnePanelPerRoutedAccountEachWithItsOwnCredential() {
    assertThat(setup()).isZero();

    assertThat(chatwoot.dashboardApps()).hasSize(2);
    for (long account : List.of(1L, 2L)) {
      JsonNode app = appOf(account);
      assertThat(app.path("title").asString()).isEqualTo("Voice journey");
      assertThat(app.path("content"))
          .singleElement()
          .satisfies(
              frame -> {
                assertThat(frame.path("type").asString()).isEqualTo("frame");
                assertThat(frame.path("url").asString())
                    .isEqualTo(
                        ENGINE
                            + "/chatwoot/panel?account="
                            + account
                            + "&key="
                            + KEYS.keyFor(account));
              });
    }
    assertThat(KEYS.keyFor(1)).isNotEqualTo(KEYS.keyFor(2)).doesNotContain("setup-api-token");
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains(
            "CREATE", "dashboard app \"Voice journey\" (account 1)", "(account 2)", "key=***");
    assertThat(output).doesNotContain(KEYS.keyFor(1), "setup-api-token");
  }

  @Test
  void aSecondRunKeepsThePanels() {
    setup();
    long writes = dashboardAppWrites();

    assertThat(setup()).isZero();

    assertThat(dashboardAppWrites()).isEqualTo(writes);
    assertThat(chatwoot.dashboardApps()).hasSize(2);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("KEEP     dashboard app", "Nothing to change.");
  }

  @Test
  void aPanelThatDriftedIsRepairedInPlace() throws Exception {
    setup();
    long id = appOf(1).path("id").asLong();
    // An admin edits the app in Chatwoot: another title, a stale credential in the URL.
    HttpResponse<String> edit =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(chatwoot.baseUrl() + "/api/v1/accounts/1/dashboard_apps/" + id))
                    .header("api_access_token", "setup-chatwoot-token")
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"Journey\",\"content\":[{\"type\":\"frame\",\"url\":\""
                                + ENGINE
                                + "/chatwoot/panel?account=1&key=stale\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(edit.statusCode()).isEqualTo(200);

    assertThat(setup()).isZero();

    assertThat(chatwoot.dashboardApps()).hasSize(2);
    JsonNode repaired = appOf(1);
    assertThat(repaired.path("id").asLong()).isEqualTo(id);
    assertThat(repaired.path("title").asString()).isEqualTo("Voice journey");
    assertThat(repaired.path("content").get(0).path("url").asString())
        .endsWith("key=" + KEYS.keyFor(1));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("UPDATE   dashboard app", "1 change(s) made.");
  }

  @Test
  void aDryRunPlansThePanelsAndWritesNone() {
    assertThat(setup("--dry-run")).isZero();

    assertThat(chatwoot.dashboardApps()).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CREATE   dashboard app");
  }

  private JsonNode appOf(long account) {
    return chatwoot.dashboardApps().stream()
        .filter(a -> a.path("account_id").asLong() == account)
        .findFirst()
        .orElseThrow();
  }

  private long dashboardAppWrites() {
    return chatwoot.requests().stream()
        .filter(r -> !r.method().equals("GET") && r.path().contains("/dashboard_apps"))
        .map(RecordedRequest::path)
        .count();
  }
}
