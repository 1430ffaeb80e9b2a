package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The journey API's agent actions: stop the follow-up calls, call the customer now, hand the
 * journey back to automation (also when an agent unassigns the conversation in Chatwoot), and retry
 * with a note. Each leaves one private note naming who asked.
 */
class JourneyActionsTest extends EngineTest {

  private static final String[] AUTH = {"Authorization", "Bearer test-api-token"};

  @Test
  void stoppingTheFollowUpsEndsThemWithANoteNamingTheAgent() {
    JourneyView journey = quietCustomer("call-actions-1", "+14155550701");

    HttpResponse<String> stopped =
        post(
            "/journeys/" + journey.journeyId() + "/follow-ups/stop",
            "{\"agent\":\"Sam Ortiz\"}",
            AUTH);
    HttpResponse<String> again =
        post(
            "/journeys/" + journey.journeyId() + "/follow-ups/stop",
            "{\"agent\":\"Sam Ortiz\"}",
            AUTH);

    assertThat(stopped.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body())
        .containsAnyOf("already being stopped", "no follow-up calls are planned");
    JourneyView after =
        awaitJourney(journey.journeyId(), s -> s.followUp().stoppedBecause() != null);
    assertThat(after.followUp().stoppedBecause()).contains("Sam Ortiz");
    assertThat(after.followUp().nextCallAt()).isNull();
    assertThat(after.stage()).isEqualTo(JourneyStage.FOLLOW_UPS_STOPPED);
    awaitNote(journey, "Follow-up calls stopped by Sam Ortiz");
    assertThat(notes(journey, "Follow-up calls stopped by")).hasSize(1);
  }

  @Test
  void callNowClickedTwiceQuicklyPlacesExactlyOneCall() {
    String phone = "+14155550702";
    JourneyView journey = quietCustomer("call-actions-2", phone);
    String body = "{\"agent\":\"Sam Ortiz\",\"outsideCallingHours\":true}";

    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> post("/journeys/" + journey.journeyId() + "/call-now", body, AUTH));
    CompletableFuture<HttpResponse<String>> second =
        CompletableFuture.supplyAsync(
            () -> post("/journeys/" + journey.journeyId() + "/call-now", body, AUTH));
    List<Integer> statuses = List.of(first.join().statusCode(), second.join().statusCode());

    assertThat(statuses).containsExactlyInAnyOrder(202, 409);
    JourneyView calling =
        awaitJourney(journey.journeyId(), s -> s.followUp().pendingCallId() != null);
    assertThat(calling.followUp().attemptsMade()).isEqualTo(1);
    awaitNote(journey, "placed now at the request of Sam Ortiz");
    assertThat(callsTo(phone)).hasSize(1);
    HttpResponse<String> whileCalling =
        post("/journeys/" + journey.journeyId() + "/call-now", body, AUTH);
    assertThat(whileCalling.statusCode()).isEqualTo(409);
    assertThat(whileCalling.body()).contains("already");
    assertThat(callsTo(phone)).hasSize(1);
  }

  @Test
  void callNowOutsideCallingHoursNeedsTheAgentToSaySo() {
    String phone = "+14155550703";
    JourneyView journey = quietCustomer("call-actions-3", phone);
    ZoneId zone = ZoneId.of("America/New_York");
    ZonedDateTime now = Instant.ofEpochMilli(testEnvironment.currentTimeMillis()).atZone(zone);
    ZonedDateTime night =
        now.toLocalDate()
            .plusDays(now.toLocalTime().isBefore(LocalTime.of(2, 0)) ? 0 : 1)
            .atTime(2, 0)
            .atZone(zone);
    testEnvironment.sleep(
        Duration.between(
            now, night)); // 02:00 in the customer's zone, before the first follow-up is due

    HttpResponse<String> refused =
        post("/journeys/" + journey.journeyId() + "/call-now", "{\"agent\":\"Sam Ortiz\"}", AUTH);
    HttpResponse<String> overridden =
        post(
            "/journeys/" + journey.journeyId() + "/call-now",
            "{\"agent\":\"Sam Ortiz\",\"outsideCallingHours\":true}",
            AUTH);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("outside calling hours");
    assertThat(overridden.statusCode()).isEqualTo(202);
    awaitNote(journey, "outside calling hours as they asked");
    assertThat(callsTo(phone)).hasSize(1);
  }

  @Test
  void handingBackAnEscalatedJourneyResumesTheFollowUps() {
    JourneyView journey = quietCustomer("call-actions-4", "+14155550704");
    post("/journeys/" + journey.journeyId() + "/escalate", "{\"reason\":\"billing\"}", AUTH);
    awaitJourney(journey.journeyId(), s -> s.escalation().escalated());

    HttpResponse<String> handedBack =
        post("/journeys/" + journey.journeyId() + "/hand-back", "{\"agent\":\"Sam Ortiz\"}", AUTH);
    HttpResponse<String> again =
        post("/journeys/" + journey.journeyId() + "/hand-back", "{\"agent\":\"Sam Ortiz\"}", AUTH);

    assertThat(handedBack.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(409);
    JourneyView after =
        awaitJourney(
            journey.journeyId(),
            s -> !s.escalation().escalated() && s.followUp().nextCallAt() != null);
    assertThat(after.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(after.followUp().stoppedBecause()).isNull();
    awaitNote(journey, "Handed back to automation by Sam Ortiz");
  }

  @Test
  void anAgentUnassigningTheConversationInChatwootHandsTheJourneyBack() throws Exception {
    JourneyView journey = quietCustomer("call-actions-5", "+14155550705");
    assignToTheAgent(journey.conversationId());
    deliverSigned(CHATWOOT.agentWrites(journey.conversationId(), "I'll take this one."));
    awaitJourney(journey.journeyId(), s -> s.stage() == JourneyStage.AGENT_HANDLING);

    HttpResponse<String> unassigned = deliverSigned(CHATWOOT.unassign(journey.conversationId()));

    assertThat(unassigned.statusCode()).isEqualTo(200);
    assertThat(unassigned.body()).contains("handBack");
    JourneyView after =
        awaitJourney(journey.journeyId(), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    assertThat(after.followUp().nextCallAt()).isNotNull();
    awaitNote(journey, "Handed back to automation by Chatwoot (the conversation was unassigned)");
  }

  @Test
  void escalatingToATeamTheAssignedAgentIsNotInKeepsTheJourneyWithHumans() throws Exception {
    JourneyView journey = quietCustomer("call-actions-9", "+14155550709");
    // As the inbox's auto-assignment does: an online agent who is not in the escalation team.
    assignTo(journey.conversationId(), ChatwootSandbox.OUTSIDE_AGENT_ID);
    post("/journeys/" + journey.journeyId() + "/escalate", "{\"reason\":\"billing\"}", AUTH);
    awaitJourney(journey.journeyId(), s -> s.escalation().escalated());

    // Chatwoot cleared the agent with the team change and says so in one conversation_updated.
    HttpResponse<String> moved =
        deliverSigned(CHATWOOT.assignmentChanged(journey.conversationId()));

    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(moved.body()).doesNotContain("handBack");
    JsonNode conversation = CHATWOOT.conversation(journey.conversationId());
    assertThat(conversation.path("meta").path("team").path("id").asLong())
        .isEqualTo(ChatwootSandbox.TEAM_ID);
    assertThat(conversation.path("meta").path("assignee").isMissingNode()).isTrue();
    assertThat(
            temporal
                .newUntypedWorkflowStub(journey.journeyId())
                .query("state", JourneyView.class)
                .escalation()
                .escalated())
        .isTrue();
  }

  @Test
  void aRetryAskedByAnAgentLeavesANoteOnceTheWriteGoesThrough() {
    String phone = "+14155550706";
    JourneyView journey = quietCustomer("call-actions-6", phone);
    CHATWOOT.faults().failNextWrites(1, 422); // the next call's messages are refused
    postVapi(Reports.endOfCall("call-actions-6b", phone).toString());
    awaitJourney(journey.journeyId(), s -> s.stage() == JourneyStage.NEEDS_ATTENTION);

    HttpResponse<String> retry =
        post("/journeys/" + journey.journeyId() + "/retry", "{\"agent\":\"Sam Ortiz\"}", AUTH);

    assertThat(retry.statusCode()).isEqualTo(202);
    awaitJourney(
        journey.journeyId(),
        s -> s.stage() == JourneyStage.WAITING_FOR_REPLY && s.calls().size() == 2);
    awaitNote(journey, "Retry of the refused write requested by Sam Ortiz");
  }

  private JourneyView quietCustomer(String callId, String phone) {
    postVapi(Reports.endOfCall(callId, phone).toString());
    return awaitJourney(
        journeyOf(phone),
        s -> s.stage() == JourneyStage.WAITING_FOR_REPLY && s.followUp().nextCallAt() != null);
  }

  private void awaitNote(JourneyView journey, String text) {
    CHATWOOT.awaitUntil(
        "a private note saying " + text, () -> !notes(journey, text).isEmpty(), PATIENCE);
  }

  private List<JsonNode> notes(JourneyView journey, String text) {
    return CHATWOOT.messages(journey.conversationId()).stream()
        .filter(m -> m.path("private").asBoolean() && m.path("content").asString().contains(text))
        .toList();
  }

  private List<JsonNode> callsTo(String phone) {
    return VAPI.calls().stream()
        .filter(c -> phone.equals(c.path("customer").path("number").asString()))
        .toList();
  }

  /**
   * An account webhook delivery, signed as Chatwoot signs it (the test account's webhook secret).
   */
  private HttpResponse<String> deliverSigned(JsonNode event) {
    String body = event.toString();
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signature;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              "test-chatwoot-signing".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      signature =
          HexFormat.of()
              .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return post(
        "/webhooks/chatwoot",
        body,
        "X-Chatwoot-Signature",
        "sha256=" + signature,
        "X-Chatwoot-Timestamp",
        timestamp,
        "X-Chatwoot-Delivery",
        UUID.randomUUID().toString());
  }

  /** What Chatwoot's assign button does: POST assignments with the agent's id. */
  private static void assignToTheAgent(long conversationId) throws Exception {
    assignTo(conversationId, ChatwootSandbox.AGENT_ID);
  }

  private static void assignTo(long conversationId, long agentId) throws Exception {
    HttpResponse<String> assigned =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            CHATWOOT.baseUrl()
                                + "/api/v1/accounts/1/conversations/"
                                + conversationId
                                + "/assignments"))
                    .header("api_access_token", "test-chatwoot-token")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"assignee_id\":" + agentId + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(assigned.statusCode()).isEqualTo(200);
  }
}
