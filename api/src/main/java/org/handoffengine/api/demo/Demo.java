package org.handoffengine.api.demo;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.handoffengine.activities.PlatformClients;
import org.handoffengine.activities.setup.ChatwootDashboardAppsApi;
import org.handoffengine.activities.setup.DashboardAppProvisioning;
import org.handoffengine.api.panel.PanelController;
import org.handoffengine.api.panel.PanelKeys;
import org.handoffengine.api.panel.PanelProperties;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiServerMessage.EndOfCallReport;
import org.handoffengine.platforms.vapi.VapiWebhook;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar handoff-engine.jar demo}: the engine on {@code temporal server start-dev} with
 * its Web UI when a {@code temporal} binary is at hand, else on its embedded Temporal (see {@link
 * DemoTemporal}), talking to in-process Chatwoot and Vapi sandboxes, replays a sample call and
 * prints what it produced. No accounts, no Docker. The engine keeps running afterwards so the API
 * can be tried by hand.
 */
public final class Demo {

  static final String API_TOKEN = "demo-api-token";
  static final String VAPI_SECRET = "demo-vapi-secret";

  private static final ObjectMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Demo() {}

  public static void run(Class<?> application, String[] args) {
    DemoTemporal temporal = DemoTemporal.choose(args);
    System.out.println("== Temporal: " + temporal.description());
    ChatwootSandbox chatwoot = new ChatwootSandbox("demo-chatwoot-token", 1);
    startOnChatwootsPort(chatwoot);
    VapiSandbox vapi = new VapiSandbox("demo-vapi-key");
    vapi.start();

    Map<String, Object> defaults = new HashMap<>();
    defaults.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    defaults.put("handoff.chatwoot.api-token", "demo-chatwoot-token");
    defaults.put("handoff.chatwoot.account-id", 1);
    defaults.put("handoff.chatwoot.inbox-id", chatwoot.apiInboxId());
    defaults.put("handoff.chatwoot.webhook-secret", "demo-chatwoot-secret");
    defaults.put("handoff.vapi.base-url", vapi.baseUrl());
    defaults.put("handoff.vapi.api-key", "demo-vapi-key");
    defaults.put("handoff.vapi.webhook-secret", VAPI_SECRET);
    defaults.put("handoff.vapi.assistant-id", "6c2b9e41-0a7d-4f3e-8b15-d9c4e2a7f018");
    defaults.put("handoff.vapi.phone-number-id", "a17f3c9e-2d4b-4e6a-9c81-5b0d7e3f2a64");
    defaults.put("handoff.api.token", API_TOKEN);

    SpringApplication app = new SpringApplication(application);
    app.setDefaultProperties(defaults);
    ConfigurableApplicationContext context = app.run(temporal.engineArgs());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.close(); // the engine first, so its worker does not outlive the server it
                  // polls
                  temporal.close();
                },
                "demo-temporal-stop"));
    String port = context.getEnvironment().getProperty("local.server.port", "8080");

    JsonNode report = sampleReport();
    String callId = report.path("message").path("call").path("id").asString();
    System.out.println();
    System.out.println("== Replaying a sample Vapi end-of-call report (call " + callId + ")");
    int status =
        VapiSandbox.deliver(
            URI.create("http://127.0.0.1:" + port + "/webhooks/vapi"), VAPI_SECRET, report);
    System.out.println("   POST /webhooks/vapi -> " + status);

    chatwoot.awaitUntil(
        "the call's transcript in a Chatwoot conversation",
        () ->
            chatwoot.messages().stream()
                .anyMatch(m -> m.path("content").asString("").startsWith("Transcript")),
        Duration.ofSeconds(30));

    String engineUrl = "http://127.0.0.1:" + port;
    registerPanel(chatwoot, engineUrl);
    JourneyClient journeys = context.getBean(JourneyClient.class);
    String journeyId =
        journeys
            .callerOf(
                VapiCallReports.fromEndOfCallReport(
                    (EndOfCallReport) PRETTY.treeToValue(report, VapiWebhook.class).message(),
                    "US"),
                null)
            .journeyId();
    JourneyView state = settled(journeys, journeyId);
    System.out.println();
    System.out.println("== The journey Temporal holds (GET /journeys/" + journeyId + ")");
    System.out.println(PRETTY.writeValueAsString(state));
    System.out.println();
    System.out.println("== What the Chatwoot sandbox now has");
    System.out.println(PRETTY.writeValueAsString(chatwoot.snapshot()));
    System.out.println();
    System.out.println(
        "The engine keeps running on http://localhost:" + port + " (Ctrl+C to stop). Try:");
    System.out.println(
        "  curl -H 'Authorization: Bearer "
            + API_TOKEN
            + "' 'http://localhost:"
            + port
            + "/journeys?phone=%2B14155550142'");
    System.out.println(
        "  curl -X POST -H 'Authorization: Bearer "
            + API_TOKEN
            + "' -H 'Content-Type: application/json' \\");
    System.out.println(
        "       -d '{\"reason\":\"customer wants a manager\"}' http://localhost:"
            + port
            + "/journeys/"
            + journeyId
            + "/escalate");
    System.out.println();
    String runId =
        context
            .getBean(WorkflowClient.class)
            .newUntypedWorkflowStub(journeyId)
            .describe()
            .getExecution()
            .getRunId();
    temporal
        .journeyPage(journeyId, runId)
        .ifPresent(
            page -> {
              System.out.println(
                  "The journey in the Temporal Web UI (event history, payloads decoded by the engine's /codec):");
              System.out.println("  " + page);
              System.out.println();
            });
    System.out.println(
        "The journey panel, as Chatwoot shows it beside the conversation (the sandbox's conversation screen):");
    System.out.println("  " + chatwoot.conversationPageUrl(1, state.conversationId()));
  }

  /**
   * Chatwoot's own port (3000) when it is free, so the README can give the panel's URL; any free
   * port otherwise.
   */
  private static void startOnChatwootsPort(ChatwootSandbox chatwoot) {
    try {
      chatwoot.start(3000);
    } catch (UncheckedIOException taken) {
      chatwoot.start();
    }
  }

  /**
   * The journey panel as {@code setup} registers it: a dashboard app framing the engine's panel.
   */
  private static void registerPanel(ChatwootSandbox chatwoot, String engineUrl) {
    ChatwootDashboardAppsApi api =
        PlatformClients.create(
            ChatwootDashboardAppsApi.class,
            RestClient.builder(),
            "Chatwoot",
            chatwoot.baseUrl(),
            "api_access_token",
            "demo-chatwoot-token",
            Duration.ofSeconds(5));
    PanelKeys keys = PanelKeys.of(null, API_TOKEN);
    new DashboardAppProvisioning(api)
        .provision(
            1,
            PanelProperties.DEFAULT_TITLE,
            engineUrl + PanelController.PATH,
            keys.panelUrl(engineUrl, 1),
            false,
            new ArrayList<>());
  }

  /** The journey once it has taken in what Chatwoot answered (a moment after the last write). */
  private static JourneyView settled(JourneyClient journeys, String journeyId) {
    JourneyView state = journeys.state(journeyId);
    for (int i = 0; i < 100 && state.stage() == JourneyStage.RECORDING_CALL; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      state = journeys.state(journeyId);
    }
    return state;
  }

  static JsonNode sampleReport() {
    try (InputStream in = Demo.class.getResourceAsStream("/demo/end-of-call-report.json")) {
      return PRETTY.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
