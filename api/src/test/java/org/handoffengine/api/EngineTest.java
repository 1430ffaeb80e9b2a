package org.handoffengine.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.sandbox.ChatwootDeliveries;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole engine as it runs: real HTTP endpoints, the real worker on the embedded Temporal, and
 * its Chatwoot and Vapi clients pointed at the sandboxes. Every test class extending this shares
 * one application context and one pair of sandboxes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EngineTest {

  protected static final ChatwootSandbox CHATWOOT = startChatwoot();
  protected static final VapiSandbox VAPI = (VapiSandbox) new VapiSandbox("test-vapi-key").start();
  protected static final Duration PATIENCE = Duration.ofSeconds(20);

  @LocalServerPort protected int port;
  @Autowired protected WorkflowClient temporal;

  /** Names journeys as the engine does: by the keyed hash of the customer's number. */
  @Autowired protected CustomerJourneys customers;

  /** The embedded server, for tests that skip time; absent on the real server, which cannot. */
  @Autowired(required = false)
  protected TestWorkflowEnvironment testEnvironment;

  private final HttpClient http = HttpClient.newHttpClient();

  private static ChatwootSandbox startChatwoot() {
    ChatwootSandbox sandbox = new ChatwootSandbox("test-chatwoot-token", 1);
    sandbox.start();
    return sandbox;
  }

  @DynamicPropertySource
  static void platforms(DynamicPropertyRegistry registry) {
    registry.add("handoff.chatwoot.base-url", CHATWOOT::baseUrl);
    registry.add("handoff.chatwoot.inbox-id", CHATWOOT::apiInboxId);
    registry.add("handoff.vapi.base-url", VAPI::baseUrl);
  }

  @BeforeEach
  void freshPlatforms() {
    CHATWOOT.comeBack();
    CHATWOOT.faults().clear();
    VAPI.faults().clear();
  }

  /** The id a new journey of this customer gets on the default route. */
  protected String journeyOf(String phone) {
    return customers.newId(null, phone);
  }

  protected String journeyOf(String route, String phone) {
    return customers.newId(route, phone);
  }

  /**
   * Waits until the journey's state satisfies {@code until}. Between queries it long-polls the
   * journey's history for its next event, so it wakes when the journey moved rather than after a
   * guessed sleep. Each poll is capped at a second: an event landing between the query and the poll
   * costs at most that.
   */
  protected JourneyView awaitJourney(String journeyId, Predicate<JourneyView> until) {
    WorkflowStub journey = temporal.newUntypedWorkflowStub(journeyId);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JourneyView state = journey.query("state", JourneyView.class);
      if (until.test(state)) {
        return state;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "journey " + journeyId + " did not get there; last state: " + state);
      }
      awaitNextEvent(temporal, journeyId);
    }
  }

  /**
   * Long-polls the workflow's history for its next event, for at most a second: returns when the
   * workflow moved, or after a quiet second. Tests that wait on a workflow call it between looks at
   * what they wait for, so they wake when it moved rather than after a guessed sleep.
   */
  public static void awaitNextEvent(WorkflowClient temporal, String workflowId) {
    try {
      temporal
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(1, TimeUnit.SECONDS)
          .getWorkflowExecutionHistory(
              GetWorkflowExecutionHistoryRequest.newBuilder()
                  .setNamespace(temporal.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .setWaitNewEvent(true)
                  .build());
    } catch (StatusRuntimeException newEventsOrTimeout) {
      if (newEventsOrTimeout.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw newEventsOrTimeout; // no such workflow: no event will come, and looking again spins
      }
      // DEADLINE_EXCEEDED: nothing happened for a second. UNKNOWN: the embedded server's long
      // poll trips over its own off-by-one when new events arrive. Either way, look again.
    }
  }

  protected HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  protected HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  protected HttpResponse<String> postVapi(String body) {
    return post("/webhooks/vapi", body, "X-Vapi-Secret", "test-vapi-secret");
  }

  /** An account webhook delivery, signed as Chatwoot signs it with the test profile's secret. */
  protected HttpResponse<String> postChatwoot(String body, String delivery) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return post(
        "/webhooks/chatwoot",
        body,
        "X-Chatwoot-Signature",
        "sha256=" + ChatwootDeliveries.sign("test-chatwoot-signing", timestamp, body),
        "X-Chatwoot-Timestamp",
        timestamp,
        "X-Chatwoot-Delivery",
        delivery);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
