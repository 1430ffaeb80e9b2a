package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The live-call messages Vapi waits on, answered from the caller's journey. */
class VapiServerMessagesTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ASSISTANT = "5d8a7c3e-2f1b-4a9c-8e7d-6b5a4c3d2e1f";

  @Test
  void anUnknownCallerGetsTheDefaultAssistant() {
    JsonNode answer = answer(liveMessage("assistant-request", "+14155550201", "ring-1"));

    assertThat(answer.path("assistantId").asString()).isEqualTo(ASSISTANT);
    assertThat(answer.has("assistantOverrides")).isFalse();
    assertNoJourney("+14155550201");
  }

  @Test
  void aCallerWithAJourneyGetsTheAssistantPrimedWithTheirStory() {
    String phone = "+14155550202";
    openJourney(phone, "call-202");

    JsonNode answer = answer(liveMessage("assistant-request", phone, "ring-2"));

    JsonNode variables = answer.path("assistantOverrides").path("variableValues");
    assertThat(answer.path("assistantId").asString()).isEqualTo(ASSISTANT);
    assertThat(variables.path("customerName").asString()).isEqualTo("Alex Rivera");
    assertThat(variables.path("lastSummary").asString())
        .startsWith("Alex Rivera called about e-bike order 88231");
    assertThat(variables.path("conversationStatus").asString()).isEqualTo("waiting for reply");
  }

  @Test
  void anEscalatedCallerIsTransferredToAPerson() {
    String phone = "+14155550203";
    openJourney(phone, "call-203");
    post(
        "/journeys/" + journeyOf(phone) + "/escalate",
        "{\"reason\":\"VIP\"}",
        "Authorization",
        "Bearer test-api-token");
    awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);

    JsonNode answer = answer(liveMessage("assistant-request", phone, "ring-3"));

    assertThat(answer.path("destination").path("type").asString()).isEqualTo("number");
    assertThat(answer.path("destination").path("number").asString()).isEqualTo("+14155550100");
  }

  @Test
  void toolsAnswerEachCallInResultsWithTheirIdsWhateverShapeTheArgumentsCome() {
    String phone = "+14155550204";
    openJourney(phone, "call-204");
    ObjectNode message = liveMessage("tool-calls", phone, "call-live-204");
    ArrayNode list = message.putArray("toolCallList");
    toolCall(
        list,
        "t-lookup",
        "lookupCustomer",
        JSON.createObjectNode()); // object arguments (live traffic)
    String callbackAt =
        Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString();
    toolCall(
        list,
        "t-callback",
        "scheduleCallback",
        JSON.createObjectNode().put("time", callbackAt).put("timeZone", "America/New_York"));
    toolCall(list, "t-unknown", "orderPizza", JSON.createObjectNode());
    ObjectNode flat = list.addObject(); // the flat variant some docs show
    flat.put("id", "t-escalate");
    flat.put("name", "escalateToHuman");
    flat.putObject("arguments").put("reason", "caller is upset");

    HttpResponse<String> response = postVapi(envelope(message));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).path("results");
    assertThat(results)
        .extracting(r -> r.path("toolCallId").asString())
        .containsExactly("t-lookup", "t-callback", "t-unknown", "t-escalate");
    assertThat(results.get(0).path("result").asString())
        .contains("Customer: Alex Rivera", "Open conversation", "e-bike order 88231");
    assertThat(results.get(1).path("result").asString()).startsWith("Callback scheduled for");
    assertThat(results.get(2).path("error").asString()).isEqualTo("Unknown tool: orderPizza");
    assertThat(results.get(3).path("result").asString()).startsWith("Escalated to a human agent");
    JourneyView state = awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.escalation().source()).isEqualTo("vapi");
    assertThat(state.escalation().reason()).isEqualTo("caller is upset");
  }

  @Test
  void theSameEscalationToolCallDeliveredTwiceEscalatesOnce() {
    String phone = "+14155550210";
    openJourney(phone, "call-210");
    ObjectNode message = liveMessage("tool-calls", phone, "call-live-210");
    toolCall(
        message.putArray("toolCallList"),
        "t-twice",
        "escalateToHuman",
        JSON.createObjectNode().put("reason", "first"));

    answer(message);
    answer(message);
    JourneyView state = awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);
    // A later, different escalation is processed after both deliveries: still one.
    post(
        "/journeys/" + journeyOf(phone) + "/escalate",
        "{}",
        "Authorization",
        "Bearer test-api-token");
    postVapi(Reports.endOfCall("call-210-later", phone).toString());
    awaitJourney(journeyOf(phone), s -> s.calls().size() == 2);

    assertThat(CHATWOOT.messages(state.conversationId()))
        .filteredOn(m -> m.path("content").asString().startsWith("Escalated to a human"))
        .singleElement()
        .satisfies(note -> assertThat(note.path("content").asString()).contains("Reason: first"));
    assertThat(
            CHATWOOT.requests(
                "POST", ".*/conversations/" + state.conversationId() + "/assignments"))
        .hasSize(1);
  }

  @Test
  void aToolCallWithoutAnIdIsRefusedInItsResultAndRecordsNothing() {
    String phone = "+14155550213";
    openJourney(phone, "call-213");
    ObjectNode message = liveMessage("tool-calls", phone, "call-live-213");
    toolCall(
        message.putArray("toolCallList"),
        "t-none",
        "escalateToHuman",
        JSON.createObjectNode().put("reason", "no id"));
    ((ObjectNode) message.path("toolCallList").get(0)).remove("id");

    JsonNode answer = answer(message);

    assertThat(answer.path("results").get(0).path("error").asString()).contains("no tool call id");
    assertThat(
            temporal
                .newUntypedWorkflowStub(journeyOf(phone))
                .query("state", JourneyView.class)
                .escalation()
                .escalated())
        .isFalse();
  }

  @Test
  void escalatingFromAToolDuringAFirstCallStartsTheJourneyAndWaitsForTheConversation() {
    String phone = "+14155550205";
    ObjectNode message = liveMessage("tool-calls", phone, "call-205");
    toolCall(
        message.putArray("toolCallList"),
        "t-first",
        "escalateToHuman",
        JSON.createObjectNode().put("reason", "wants a person"));

    JsonNode results = answer(message).path("results");

    // Nothing can be handed over before the call is written up: the caller is told it is queued.
    assertThat(results.get(0).path("result").asString())
        .startsWith("The request for a human agent is recorded");
    assertThat(awaitJourney(journeyOf(phone), s -> true).escalation().escalated()).isFalse();
    postVapi(Reports.endOfCall("call-205", phone).toString());
    JourneyView state = awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(
            CHATWOOT
                .conversation(state.conversationId())
                .path("meta")
                .path("team")
                .path("id")
                .asLong())
        .isEqualTo(3);
  }

  @Test
  void aCallerWithoutANumberEscalatesOnTheJourneyItsReportThenJoinsButCannotBookACallback() {
    ObjectNode message = liveMessage("tool-calls", null, "call-anonymous-212");
    ArrayNode list = message.putArray("toolCallList");
    toolCall(
        list, "t-anon", "escalateToHuman", JSON.createObjectNode().put("reason", "wants a person"));
    toolCall(
        list,
        "t-anon-callback",
        "scheduleCallback",
        JSON.createObjectNode().put("time", "2099-01-01T10:00"));

    JsonNode results = answer(message).path("results");

    // One journey for a caller without a number, keyed by the call: the tool's and the report's.
    String journeyId = JourneyIds.forAnonymousCall("call-anonymous-212");
    assertThat(results.get(0).path("result").asString())
        .startsWith("The request for a human agent is recorded");
    assertThat(results.get(1).path("error").asString())
        .isEqualTo("The caller's number is unknown, so no callback can be scheduled.");
    postVapi(Reports.endOfCall("call-anonymous-212", null).toString());
    JourneyView state = awaitJourney(journeyId, s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(state.calls()).hasSize(1);
  }

  @Test
  void threeConcurrentEscalationsOfANewCallerAllGetAnAnswerAndStartOneJourney() throws Exception {
    String phone = "+14155550211";
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ObjectNode message = liveMessage("tool-calls", phone, "call-211");
        toolCall(
            message.putArray("toolCallList"),
            "t-race-" + i,
            "escalateToHuman",
            JSON.createObjectNode().put("reason", "race " + i));
        answers.add(pool.submit(() -> answer(message)));
      }
      for (var answer : answers) {
        assertThat(answer.get().path("results").get(0).path("result").asString())
            .startsWith("The request for a human agent is recorded");
      }
    } finally {
      pool.shutdown();
    }
    postVapi(Reports.endOfCall("call-211", phone).toString());
    JourneyView state = awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.ESCALATED);
    assertThat(
            CHATWOOT.requests(
                "POST", ".*/conversations/" + state.conversationId() + "/assignments"))
        .hasSize(1);
  }

  @Test
  void aTransferRequestAnswersTheHumanLineAndIsRecorded() {
    String phone = "+14155550206";
    openJourney(phone, "call-206");

    JsonNode answer = answer(liveMessage("transfer-destination-request", phone, "call-live-206"));

    assertThat(answer.path("destination").path("number").asString()).isEqualTo("+14155550100");
    assertThat(answer.path("destination").path("message").asString()).isNotBlank();
    JourneyView state = awaitJourney(journeyOf(phone), s -> !s.callEvents().isEmpty());
    assertThat(state.callEvents().get(0).type()).isEqualTo("transfer");
  }

  @Test
  void statusUpdatesAndStallsAreRecordedOnceAndStartNoJourney() {
    String phone = "+14155550207";
    openJourney(phone, "call-207");
    ObjectNode ringing =
        liveMessage("status-update", phone, "call-live-207").put("status", "in-progress");

    assertThat(answer(ringing).path("status").asString()).isEqualTo("recorded");
    answer(ringing);
    answer(liveMessage("hang", phone, "call-live-207"));

    JourneyView state = awaitJourney(journeyOf(phone), s -> s.callEvents().size() == 2);
    assertThat(state.callEvents())
        .extracting(e -> e.type() + ":" + e.status())
        .containsExactly("status-update:in-progress", "hang:null");
    assertThat(state.statusLine()).endsWith("the assistant stalled");

    assertThat(
            answer(
                    liveMessage("status-update", "+14155550299", "call-nobody")
                        .put("status", "ringing"))
                .path("status")
                .asString())
        .isEqualTo("ignored");
    assertNoJourney("+14155550299");
  }

  @Test
  void anHmacSignedMessageIsAcceptedAndABadOrStaleSignatureIsRefused() {
    String phone = "+14155550208";
    String body = Reports.endOfCall("call-hmac", phone).toString();
    String now = String.valueOf(Instant.now().toEpochMilli());
    String stale = String.valueOf(Instant.now().minusSeconds(900).getEpochSecond());

    assertThat(
            post(
                    "/webhooks/vapi",
                    body,
                    "x-signature",
                    sign("wrong", now, body),
                    "x-timestamp",
                    now)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(
                    "/webhooks/vapi",
                    body,
                    "x-signature",
                    sign("test-vapi-secret", stale, body),
                    "x-timestamp",
                    stale)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post("/webhooks/vapi", body, "x-signature", sign("test-vapi-secret", now, body))
                .statusCode())
        .isEqualTo(401);
    assertNoJourney(phone);

    assertThat(
            post(
                    "/webhooks/vapi",
                    body,
                    "x-signature",
                    sign("test-vapi-secret", now, body),
                    "x-timestamp",
                    now)
                .statusCode())
        .isEqualTo(200);
  }

  private static String sign(String secret, String timestamp, String body) {
    return WebhookSignatures.hexHmacSha256(
        secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  private void openJourney(String phone, String callId) {
    postVapi(Reports.endOfCall(callId, phone).toString());
    awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
  }

  private JsonNode answer(JsonNode message) {
    HttpResponse<String> response = postVapi(envelope(message));
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void assertNoJourney(String phone) {
    assertThat(
            get(
                    "/journeys?phone=" + phone.replace("+", "%2B"),
                    "Authorization",
                    "Bearer test-api-token")
                .statusCode())
        .isEqualTo(404);
  }

  private static void toolCall(ArrayNode list, String id, String name, ObjectNode arguments) {
    ObjectNode call = list.addObject();
    call.put("id", id);
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", name);
    if (id.equals("t-lookup")) {
      function.set("arguments", arguments);
    } else {
      function.put("arguments", arguments.toString()); // the spec's shape: a JSON string
    }
  }

  /** A live-call server message in the shape of Vapi's reference sample for its type. */
  private static ObjectNode liveMessage(String type, String phone, String callId) {
    ObjectNode inner = JSON.createObjectNode();
    inner.put("timestamp", Instant.now().toEpochMilli());
    inner.put("type", type);
    inner.putObject("customer").put("number", phone);
    ObjectNode call = inner.putObject("call");
    call.put("id", callId);
    call.put("orgId", "0f3c8d2e-5a41-4b6e-9d7c-2e1f0a9b8c7d");
    call.put("type", "inboundPhoneCall");
    call.put("status", "ringing");
    call.putObject("customer").put("number", phone);
    return inner;
  }

  /** Vapi posts every message as {"message": {...}}. */
  private static String envelope(JsonNode message) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("message", message);
    return envelope.toString();
  }
}
