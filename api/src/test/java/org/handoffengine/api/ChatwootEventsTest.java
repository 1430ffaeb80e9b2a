package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.sandbox.ChatwootDeliveries;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.workflows.journey.JourneyOutcome;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Chatwoot's webhooks, through the real endpoint, reach the journey that owns the conversation. */
class ChatwootEventsTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The account webhook's signing secret in the test configuration (Chatwoot's own, not the URL
   * token).
   */
  private static final String SECRET = "test-chatwoot-signing";

  private static final String TOKEN = "test-chatwoot-secret";

  @Test
  void aCustomerReplyReachesTheJourneyAndPausesFollowUps() {
    long conversation = openJourney("+14155550181", "call-cw-1");

    HttpResponse<String> response =
        deliverSigned(CHATWOOT.customerWrites(conversation, "Thanks, the new address is right."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("signal").asString())
        .isEqualTo("customerReplied");
    JourneyView state =
        awaitJourney(journeyOf("+14155550181"), s -> s.stage() == JourneyStage.CUSTOMER_REPLIED);
    assertThat(state.followUp().stoppedBecause()).isEqualTo("the customer replied");
    assertThat(state.followUp().nextCallAt()).isNull();
  }

  @Test
  void anAgentReplyMeansAHumanHasTakenOver() {
    long conversation = openJourney("+14155550182", "call-cw-2");

    deliverSigned(CHATWOOT.agentWrites(conversation, "Hi Alex, I have contacted the carrier."));

    JourneyView state =
        awaitJourney(journeyOf("+14155550182"), s -> s.stage() == JourneyStage.AGENT_HANDLING);
    assertThat(state.followUp().stoppedBecause()).isEqualTo("an agent replied");
  }

  @Test
  void theEnginesOwnMessagesCauseNoSignal() {
    String phone = "+14155550183";
    long conversation = openJourney(phone, "call-cw-3");
    List<JsonNode> ownMessages = CHATWOOT.messages(conversation);
    assertThat(ownMessages).allSatisfy(m -> assertThat(EngineMark.postedByEngine(m)).isTrue());

    for (JsonNode message : ownMessages) {
      HttpResponse<String> response =
          deliverSigned(CHATWOOT.messageCreatedFor(message.path("id").asLong()));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("ignored");
    }
    assertThat(journeyState(phone).stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
  }

  @Test
  void anEventAboutAConversationNoJourneyOwnsStartsNothing() {
    long conversation = openJourney("+14155550184", "call-cw-4");
    ObjectNode event = CHATWOOT.customerWrites(conversation, "hello?");
    ((ObjectNode) event.path("conversation")).putObject("custom_attributes");
    ((ObjectNode) event.path("conversation")).put("id", 999_999);

    HttpResponse<String> response = deliverSigned(event);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("ignored");
    assertThat(journeyState("+14155550184").stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
  }

  @Test
  void whereTheSigningSecretIsKnownOnlyAFreshSignatureWithItIsAccepted() {
    long conversation = openJourney("+14155550185", "call-cw-5");
    String body = CHATWOOT.customerWrites(conversation, "hello").toString();
    String now = String.valueOf(Instant.now().getEpochSecond());
    String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
    String withToken = "/webhooks/chatwoot?token=" + TOKEN;

    assertThat(
            post(
                    withToken,
                    body,
                    "X-Chatwoot-Signature",
                    "sha256=" + ChatwootDeliveries.sign("wrong-secret", now, body),
                    "X-Chatwoot-Timestamp",
                    now)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(
                    withToken,
                    body,
                    "X-Chatwoot-Signature",
                    "sha256=" + ChatwootDeliveries.sign(SECRET, stale, body),
                    "X-Chatwoot-Timestamp",
                    stale)
                .statusCode())
        .isEqualTo(401);
    assertThat(post(withToken, body).statusCode())
        .as("the token does not replace a known signing secret")
        .isEqualTo(401);
    assertThat(post("/webhooks/chatwoot", body).statusCode()).isEqualTo(401);
    assertThat(post("/webhooks/chatwoot?token=wrong", body).statusCode()).isEqualTo(401);
    assertThat(journeyState("+14155550185").stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);

    assertThat(deliverSigned(JSON.readTree(body)).statusCode()).isEqualTo(200);
    awaitJourney(journeyOf("+14155550185"), s -> s.stage() == JourneyStage.CUSTOMER_REPLIED);
  }

  @Test
  void aDuplicateDeliveryIsDroppedByTheJourney() {
    long conversation = openJourney("+14155550186", "call-cw-6");
    ObjectNode event = CHATWOOT.customerWrites(conversation, "I need an agent please");
    String delivery = UUID.randomUUID().toString();

    deliverSigned(event, delivery);
    deliverSigned(event, delivery);
    deliverSigned(event, UUID.randomUUID().toString()); // Chatwoot's own duplicate: same message id

    awaitJourney(journeyOf("+14155550186"), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(escalationNotes(conversation)).hasSize(1);
  }

  @Test
  void aCustomerAskingForAPersonIsEscalated() {
    long conversation = openJourney("+14155550187", "call-cw-7");

    deliverSigned(CHATWOOT.customerWrites(conversation, "Can I talk to a human, please?"));

    JourneyView state =
        awaitJourney(journeyOf("+14155550187"), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.escalation().source()).isEqualTo("chatwoot");
    assertEscalatedInChatwoot(conversation);
  }

  @Test
  void theEscalateEndpointNeedsTheTokenAndEscalatesExactlyOnce() {
    String phone = "+14155550188";
    long conversation = openJourney(phone, "call-cw-8");
    String path = "/journeys/" + journeyOf(phone) + "/escalate";

    assertThat(post(path, "{\"reason\":\"VIP\"}").statusCode()).isEqualTo(401);
    assertThat(journeyState(phone).escalation().escalated()).isFalse();

    assertThat(
            post(path, "{\"reason\":\"VIP customer\"}", "Authorization", "Bearer test-api-token")
                .statusCode())
        .isEqualTo(202);
    awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(
            post(path, "{\"reason\":\"again\"}", "Authorization", "Bearer test-api-token")
                .statusCode())
        .isEqualTo(202);
    // The second request is processed before this later call is recorded.
    postVapi(Reports.endOfCall("call-cw-8-later", phone).toString());
    awaitJourney(journeyOf(phone), s -> s.calls().size() == 2);

    assertEscalatedInChatwoot(conversation);
    assertThat(escalationNotes(conversation).get(0).path("content").asString())
        .contains("VIP customer", "requested via api", "call-cw-8");
  }

  @Test
  void resolvingTheConversationCompletesTheJourney() {
    String phone = "+14155550189";
    long conversation = openJourney(phone, "call-cw-9");

    deliverSigned(CHATWOOT.changeStatus(conversation, "resolved"));

    JourneyOutcome outcome =
        WorkflowStub.fromTyped(
                temporal.newWorkflowStub(
                    org.handoffengine.workflows.journey.JourneyWorkflow.class, journeyOf(phone)))
            .getResult(JourneyOutcome.class);
    assertThat(outcome.stage()).isEqualTo(JourneyStage.RESOLVED);
    assertThat(outcome.conversationId()).isEqualTo(conversation);
  }

  @Test
  void reopeningAResolvedConversationReopensTheJourneyOnTheSameConversation() {
    String phone = "+14155550190";
    long conversation = openJourney(phone, "call-cw-10");
    deliverSigned(CHATWOOT.changeStatus(conversation, "resolved"));
    WorkflowStub.fromTyped(
            temporal.newWorkflowStub(
                org.handoffengine.workflows.journey.JourneyWorkflow.class, journeyOf(phone)))
        .getResult(JourneyOutcome.class);

    HttpResponse<String> response = deliverSigned(CHATWOOT.changeStatus(conversation, "open"));

    assertThat(JSON.readTree(response.body()).path("signal").asString()).isEqualTo("reopened");
    JourneyView reopened =
        awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    assertThat(reopened.conversationId()).isEqualTo(conversation);
    postVapi(Reports.endOfCall("call-cw-10-after", phone).toString());
    awaitJourney(journeyOf(phone), s -> s.calls().size() == 1);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(CHATWOOT.messages(conversation))
        .filteredOn(m -> EngineMark.keyOf(m).orElse("").contains("call-cw-10-after"))
        .hasSize(3);
  }

  private void assertEscalatedInChatwoot(long conversationId) {
    JsonNode conversation = CHATWOOT.conversation(conversationId);
    assertThat(conversation.path("meta").path("team").path("id").asLong())
        .isEqualTo(ChatwootSandbox.TEAM_ID);
    assertThat(conversation.path("status").asString()).isEqualTo("open");
    assertThat(conversation.path("labels"))
        .extracting(JsonNode::asString)
        .containsExactly("escalated");
    assertThat(escalationNotes(conversationId)).hasSize(1);
  }

  private static List<JsonNode> escalationNotes(long conversationId) {
    return CHATWOOT.messages(conversationId).stream()
        .filter(m -> m.path("private").asBoolean())
        .filter(m -> m.path("content").asString().startsWith("Escalated to a human"))
        .toList();
  }

  /** A journey whose call has been written into Chatwoot; returns its conversation id. */
  private long openJourney(String phone, String callId) {
    assertThat(postVapi(Reports.endOfCall(callId, phone).toString()).statusCode()).isEqualTo(200);
    JourneyView state =
        awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    return state.conversationId();
  }

  private JourneyView journeyState(String phone) {
    return temporal.newUntypedWorkflowStub(journeyOf(phone)).query("state", JourneyView.class);
  }

  private HttpResponse<String> deliverSigned(JsonNode event) {
    return deliverSigned(event, UUID.randomUUID().toString());
  }

  private HttpResponse<String> deliverSigned(JsonNode event, String delivery) {
    return postChatwoot(event.toString(), delivery);
  }
}
