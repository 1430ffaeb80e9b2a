package org.handoffengine.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.handoffengine.activities.vapi.VapiActivitiesImpl;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.handoffengine.workflows.vapi.VapiActivities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VapiActivitiesImplTest {

  private final VapiSandbox vapi = (VapiSandbox) new VapiSandbox("vapi-key").start();
  private final ActivityHarness harness =
      new ActivityHarness(
          new VapiActivitiesImpl(
              ActivityHarness.client(
                  VapiApi.class, "Vapi", vapi.baseUrl(), "Authorization", "Bearer vapi-key"),
              "US",
              ActivityHarness.HTTP_TIMEOUT));

  @BeforeEach
  void reset() {
    vapi.reset();
  }

  @AfterAll
  void stop() {
    harness.close();
    vapi.close();
  }

  @Test
  void placesTheCallWithTheCustomerAndTheJourneyInItsMetadata() {
    PlacedCall placed = place(request(1));

    assertThat(placed.reused()).isFalse();
    assertThat(vapi.calls()).hasSize(1);
    JsonNode call = vapi.calls().get(0);
    assertThat(call.path("id").asString()).isEqualTo(placed.callId());
    assertThat(call.path("assistantId").asString()).isEqualTo("asst-1");
    assertThat(call.path("phoneNumberId").asString()).isEqualTo("pn-1");
    assertThat(call.path("customer").path("number").asString()).isEqualTo("+14155550123");
    assertThat(call.path("assistantOverrides").path("variableValues").path("summary").asString())
        .isEqualTo("Order 10423 is late");
    assertThat(call.path("assistantOverrides").path("metadata").path("handoffJourneyId").asString())
        .isEqualTo("journey-+14155550123");
    assertThat(vapi.requests("POST", "/call").get(0).headers())
        .containsEntry("authorization", "Bearer vapi-key");
  }

  @Test
  void everyRequestTheClientSendsMatchesVapisPublishedSpec() {
    OpenApiContract spec = SharedContracts.assumeVapi();
    PlacedCall placed = place(request(1));
    vapi.faults().loseNextWriteResponses(1);
    place(request(2)); // a retry: POST, then GET /call to find it
    harness.run(VapiActivities.class, CallReport.class, a -> a.fetchEndedCall(placed.callId()));

    assertThat(vapi.requests())
        .extracting(r -> r.method() + " " + r.path())
        .contains("POST /call", "GET /call", "GET /call/" + placed.callId());
    for (RecordedRequest request : vapi.requests()) {
      assertThat(spec.validateRequest(request))
          .as(request.method() + " " + request.path())
          .isEmpty();
    }
  }

  @Test
  void aRetryAfterALostResponseFindsTheCallInsteadOfDiallingTwice() {
    vapi.faults().loseNextWriteResponses(1);

    PlacedCall placed = place(request(1));

    assertThat(vapi.calls()).as("calls placed").hasSize(1);
    assertThat(placed.callId()).isEqualTo(vapi.calls().get(0).path("id").asString());
    assertThat(placed.reused()).isTrue();
    assertThat(vapi.requests("POST", "/call")).hasSize(1);
  }

  @Test
  void aRetryPagesPastNewerCallsToFindItsOwnInsteadOfDiallingTwice() {
    // The first placement's answer is lost, and before the retry looks, the engine's other
    // follow-ups put 250 newer calls on the same assistant and number: its call is on page three.
    vapi.faults().loseNextWriteResponses(1);
    AtomicBoolean filled = new AtomicBoolean();
    Runnable unhook =
        vapi.onRequest(
            r -> {
              if (r.is("POST", "/call") && filled.compareAndSet(false, true)) {
                for (int i = 0; i < 250; i++) {
                  vapi.addOutboundCall("asst-1", "pn-1", String.format("+1415555%04d", i));
                }
              }
            });
    PlacedCall placed;
    try {
      placed = place(request(1));
    } finally {
      unhook.run();
    }

    assertThat(vapi.requests("POST", "/call")).as("calls placed by the engine").hasSize(1);
    assertThat(placed.reused()).isTrue();
    assertThat(placed.callId()).isEqualTo(vapi.calls().get(0).path("id").asString());
    assertThat(vapi.requests("GET", "/call")).as("pages read").hasSizeGreaterThanOrEqualTo(3);
    assertThat(vapi.requests("GET", "/call").get(0).query())
        .containsEntry("assistantId", "asst-1")
        .containsEntry("phoneNumberId", "pn-1")
        .containsEntry("limit", "100");
  }

  @Test
  void twoFollowUpsOfOneJourneyAreTwoCalls() {
    place(request(1));
    place(request(2));

    assertThat(vapi.calls()).hasSize(2);
  }

  @Test
  void aServerErrorIsRetriedUntilVapiRecovers() {
    vapi.faults().failNextWrites(3, 500);

    place(request(1));

    assertThat(vapi.requests("POST", "/call"))
        .extracting(r -> r.status())
        .containsExactly(500, 500, 500, 201);
    assertThat(vapi.calls()).hasSize(1);
  }

  @Test
  void aCallRefusedWhileEveryCallSlotIsBusyIsPlacedOnceASlotIsFree() {
    vapi.slotsBusyFor(2);

    place(request(1));

    assertThat(vapi.requests("POST", "/call"))
        .extracting(r -> r.status())
        .containsExactly(400, 400, 201);
    assertThat(vapi.calls()).hasSize(1);
  }

  @Test
  void aRefusedCallFailsWithVapisAnswerAndIsNotRetried() {
    FollowUpCallRequest tooShort =
        new FollowUpCallRequest("journey-x", 1, "asst-1", "pn-1", "1", null, Map.of());

    assertThatThrownBy(() -> place(tooShort))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("Vapi answered 400")
        .hasMessageContaining("customer.number");
    assertThat(vapi.requests("POST", "/call")).hasSize(1);
  }

  @Test
  void aRetryPlacesNoCallItCouldNotFinishBeforeTheNextRetryLooks() {
    // An 8 s HTTP timeout against the harness's 10 s attempts stands in for a worker that stalls
    // between its look and its call: a placement started late can outlive the attempt.
    Duration slowClient = Duration.ofSeconds(8);
    var stalling =
        new ActivityHarness(
            new VapiActivitiesImpl(
                PlatformClients.create(
                    VapiApi.class,
                    RestClient.builder(),
                    "Vapi",
                    vapi.baseUrl(),
                    "Authorization",
                    "Bearer vapi-key",
                    slowClient),
                "US",
                slowClient));
    // The first placement fails at once; the retry's look takes 3 s and its placement 7.5 s, so
    // without the deadline it ends after the next attempt has looked, and both dial.
    vapi.faults().failNextWrites(1, 503);
    Runnable unhook =
        vapi.onRequest(
            r -> {
              if (r.method().equals("POST") && r.status() == 503) {
                vapi.faults().latency(Duration.ofSeconds(3));
              } else if (r.method().equals("GET")) {
                vapi.faults().latency(Duration.ZERO).writeLatency(Duration.ofMillis(7500));
              }
            });
    try (stalling) {
      stalling.run(VapiActivities.class, PlacedCall.class, a -> a.placeFollowUpCall(request(1)));
    } finally {
      unhook.run();
    }

    assertThat(vapi.calls()).as("calls placed").hasSize(1);
    assertThat(vapi.requests("POST", "/call"))
        .extracting(RecordedRequest::status)
        .containsExactly(503, 201);
  }

  @Test
  void fetchesAnEndedCallAsAReportAndNothingForACallStillRunning() {
    PlacedCall placed = place(request(1));
    assertThat(
            harness.run(
                VapiActivities.class, CallReport.class, a -> a.fetchEndedCall(placed.callId())))
        .isNull();

    vapi.endCall(placed.callId(), "customer-did-not-answer", null, null);
    CallReport report =
        harness.run(VapiActivities.class, CallReport.class, a -> a.fetchEndedCall(placed.callId()));

    assertThat(report.callId()).isEqualTo(placed.callId());
    assertThat(report.endedReason()).isEqualTo("customer-did-not-answer");
    assertThat(report.direction()).isEqualTo("outbound");
    assertThat(report.customerNumber()).isEqualTo("+14155550123");
  }

  private PlacedCall place(FollowUpCallRequest request) {
    return harness.run(VapiActivities.class, PlacedCall.class, a -> a.placeFollowUpCall(request));
  }

  private static FollowUpCallRequest request(int attempt) {
    return new FollowUpCallRequest(
        "journey-+14155550123",
        attempt,
        "asst-1",
        "pn-1",
        "+14155550123",
        "Dana Whitfield",
        Map.of("summary", "Order 10423 is late", "chatwootConversationId", "1234"));
  }
}
