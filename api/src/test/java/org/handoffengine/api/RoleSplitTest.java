package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production layout in one JVM: one Temporal service, an engine with only the api role and
 * another with only the worker role. The api role starts journeys and never runs them; the worker
 * role runs what the api role started. Here the service is the SDK's test server on a port; {@link
 * RoleSplitOnRealServerTest} runs the same on the real server.
 */
class RoleSplitTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EngineRoles roles = new EngineRoles(null);

  @AfterEach
  void stopEverything() throws Exception {
    roles.close();
  }

  @Test
  void aJourneyStartedByTheApiRoleIsRunByTheWorkerRole() throws Exception {
    List<String> temporalSettings = temporal();
    ChatwootSandbox chatwoot = roles.add(new ChatwootSandbox("test-chatwoot-token", 1));
    chatwoot.start();
    VapiSandbox vapi = roles.add(new VapiSandbox("test-vapi-key"));
    vapi.start();

    ConfigurableApplicationContext api = engine("api", temporalSettings, chatwoot, vapi);
    assertThat(api.getBeansOfType(WorkerFactory.class)).as("the api role runs no worker").isEmpty();

    String phone = "+14155550155";
    String journeyId = api.getBean(CustomerJourneys.class).newId(null, phone);
    HttpResponse<String> accepted =
        roles.post(
            api,
            "/webhooks/vapi",
            Reports.endOfCall("call-roles-1", phone).toString(),
            "X-Vapi-Secret",
            "test-vapi-secret");

    assertThat(accepted.statusCode()).isEqualTo(200);
    WorkflowClient temporal = api.getBean(WorkflowClient.class);
    assertThat(temporal.newUntypedWorkflowStub(journeyId).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(chatwoot.requests()).as("nothing reaches Chatwoot while no worker runs").isEmpty();

    ConfigurableApplicationContext worker = engine("worker", temporalSettings, chatwoot, vapi);
    assertThat(worker.getBeansOfType(WorkerFactory.class)).hasSize(1);

    chatwoot.awaitUntil(
        "the call's three messages in Chatwoot",
        () ->
            chatwoot.contactsWithPhone(phone).stream()
                    .flatMap(c -> chatwoot.conversationsOf(c.path("id").asLong()).stream())
                    .mapToInt(c -> chatwoot.messages(c.path("id").asLong()).size())
                    .sum()
                == 3,
        Duration.ofSeconds(30));
    // The messages go with the conversation's opening step: the journey knows the conversation
    // once that step's answer reaches it, a moment after Chatwoot holds the messages. Between
    // looks at the api role's view, the journey's history is long-polled for its next event.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode view;
    while (true) {
      HttpResponse<String> journey =
          roles.get(api, "/journeys/" + journeyId, "Authorization", "Bearer test-api-token");
      assertThat(journey.statusCode()).isEqualTo(200);
      view = JSON.readTree(journey.body());
      if (view.path("conversationId").isNumber() || System.nanoTime() > deadline) {
        break;
      }
      EngineTest.awaitNextEvent(temporal, journeyId);
    }
    assertThat(view.path("conversationId").isNumber()).isTrue();
    assertThat(chatwoot.contactsWithPhone(phone)).hasSize(1);
  }

  /**
   * The Temporal service both roles share, as the settings that point an engine at it: here the
   * SDK's test server bound to a free port, closed after the test.
   */
  protected List<String> temporal() throws IOException {
    return roles.testServer();
  }

  private ConfigurableApplicationContext engine(
      String roleNames, List<String> temporal, ChatwootSandbox chatwoot, VapiSandbox vapi) {
    List<String> settings = new ArrayList<>(temporal);
    settings.addAll(
        List.of(
            "--handoff.roles=" + roleNames,
            "--handoff.chatwoot.base-url=" + chatwoot.baseUrl(),
            "--handoff.chatwoot.inbox-id=" + chatwoot.apiInboxId(),
            "--handoff.vapi.base-url=" + vapi.baseUrl(),
            "--server.port=0"));
    return roles.engine(settings);
  }
}
