package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.util.List;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Vapi refusing to dial a customer, through the whole engine: the journey does not fail, it waits
 * in NEEDS_ATTENTION with Vapi's answer, and {@code POST /journeys/{id}/retry} places the call once
 * Vapi takes the number again.
 */
class RefusedFollowUpCallTest extends EngineTest {

  private static final String PHONE = "+14155550177";

  @AfterEach
  void dialAgain() {
    VAPI.dial(PHONE);
  }

  @Test
  void aFollowUpCallVapiRefusesWaitsForARetryAndIsPlacedOnce() {
    String journeyId = journeyOf(PHONE);
    postVapi(Reports.endOfCall("call-refused-1", PHONE).toString());
    awaitJourney(journeyId, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    VAPI.refuseToDial(PHONE);

    testEnvironment.sleep(
        Duration.ofHours(24).plus(Duration.ofDays(1))); // quiet period, and any calling hours

    JourneyView refused = awaitJourney(journeyId, s -> s.stage() == JourneyStage.NEEDS_ATTENTION);
    assertThat(refused.problem())
        .startsWith("Vapi answered 400")
        .contains("customer.number must be a valid phone number in the E.164 format");
    assertThat(temporal.newUntypedWorkflowStub(journeyId).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(callsTo(PHONE)).isEmpty();

    VAPI.dial(PHONE);
    var retried =
        post("/journeys/" + journeyId + "/retry", "", "Authorization", "Bearer test-api-token");

    assertThat(retried.statusCode()).isEqualTo(202);
    // The retry may land outside calling hours: then the call waits for the next window.
    testEnvironment.sleep(Duration.ofDays(1));
    JourneyView placed =
        awaitJourney(journeyId, s -> s.stage() == JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
    assertThat(placed.problem()).isNull();
    assertThat(callsTo(PHONE))
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.path("id").asString())
                    .isEqualTo(placed.followUp().pendingCallId()));
  }

  private static List<JsonNode> callsTo(String phone) {
    return VAPI.calls().stream()
        .filter(c -> phone.equals(c.path("customer").path("number").asString()))
        .toList();
  }
}
