package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A follow-up call through the whole engine: the journey dials through Vapi's API after the quiet
 * period, Vapi's report of that call comes back through the webhook and lands on the same journey.
 */
class FollowUpRoundTripTest extends EngineTest {

  @Test
  void anUnansweredFollowUpCallComesBackToItsJourney() {
    String phone = "+14155550195";
    String journeyId = journeyOf(phone);
    JourneyView waiting = calledAndWaiting(phone, "call-rt-1");
    int callsBefore = VAPI.calls().size();

    testEnvironment.sleep(
        Duration.ofHours(24).plus(Duration.ofDays(1))); // quiet period, and any calling hours

    VAPI.awaitUntil("the follow-up call", () -> !callsTo(phone).isEmpty(), PATIENCE);
    JsonNode call = callsTo(phone).get(0);
    assertThat(VAPI.calls().size()).isGreaterThan(callsBefore);
    assertThat(call.path("assistantId").asString())
        .isEqualTo("5d8a7c3e-2f1b-4a9c-8e7d-6b5a4c3d2e1f");
    assertThat(
            call.path("assistantOverrides")
                .path("variableValues")
                .path("chatwootConversationId")
                .asLong())
        .isEqualTo(waiting.conversationId());
    String callId = call.path("id").asString();
    awaitJourney(journeyId, s -> callId.equals(s.followUp().pendingCallId()));

    int status =
        VapiSandbox.deliver(
            URI.create("http://127.0.0.1:" + port + "/webhooks/vapi"),
            "test-vapi-secret",
            VAPI.endCall(callId, "customer-did-not-answer", null, null));

    assertThat(status).isEqualTo(200);
    JourneyView after =
        awaitJourney(journeyId, s -> s.followUp().pendingCallId() == null && s.calls().size() == 2);
    assertThat(after.followUp().attemptsMade()).isEqualTo(1);
    assertThat(after.calls().get(1).direction()).isEqualTo("outbound");
    assertThat(after.calls().get(1).endedReason()).isEqualTo("customer-did-not-answer");
    assertThat(after.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(after.followUp().nextCallAt()).isNotNull();
    assertThat(CHATWOOT.messages(waiting.conversationId()))
        .anySatisfy(
            m ->
                assertThat(m.path("content").asString())
                    .startsWith("Follow-up call 1 of 3 placed"));
  }

  /**
   * Over the account's concurrency cap Vapi may create the call and ring nobody. Its report never
   * comes here; the journey asks Vapi for the call once the report is overdue, reads that it was
   * not dialled, does not count the attempt, and places it again 5 minutes later.
   */
  @Test
  void aFollowUpVapiCouldNotDialIsPlacedAgainAndDoesNotCount() {
    String phone = "+14155550196";
    String journeyId = journeyOf(phone);
    JourneyView waiting = calledAndWaiting(phone, "call-rt-2");
    VAPI.blockCallsFor(1);

    // The quiet period, any calling hours, the report's deadline and the 5 minutes: not the 24 h
    // to the second attempt.
    testEnvironment.sleep(Duration.ofHours(24).plus(Duration.ofDays(1)));

    VAPI.awaitUntil("the call placed again", () -> callsTo(phone).size() == 2, PATIENCE);
    List<JsonNode> calls = callsTo(phone);
    JsonNode blocked =
        calls.stream()
            .filter(c -> c.path("endedReason").asString().startsWith("call.start.error"))
            .findFirst()
            .orElseThrow();
    assertThat(blocked.path("endedReason").asString())
        .isEqualTo("call.start.error-subscription-concurrency-limit-reached");
    String againId =
        calls.stream()
            .map(c -> c.path("id").asString())
            .filter(id -> !id.equals(blocked.path("id").asString()))
            .findFirst()
            .orElseThrow();
    JourneyView again = awaitJourney(journeyId, s -> againId.equals(s.followUp().pendingCallId()));
    assertThat(again.followUp().attemptsMade()).as("the undialled call did not count").isEqualTo(1);
    assertThat(CHATWOOT.messages(waiting.conversationId()))
        .extracting(m -> m.path("content").asString())
        .anyMatch(text -> text.startsWith("Follow-up call 1 was not dialled"))
        .filteredOn(text -> text.startsWith("Follow-up call 1 of 3 placed"))
        .hasSize(2);
  }

  /** The customer called, and their journey now waits for a reply. */
  private JourneyView calledAndWaiting(String phone, String callId) {
    postVapi(Reports.endOfCall(callId, phone).toString());
    return awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
  }

  private static List<JsonNode> callsTo(String phone) {
    return VAPI.calls().stream()
        .filter(c -> phone.equals(c.path("customer").path("number").asString()))
        .toList();
  }
}
