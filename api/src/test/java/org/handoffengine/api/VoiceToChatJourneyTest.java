package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report in through the real endpoint, the real worker, the Chatwoot sandbox: a conversation out.
 */
class VoiceToChatJourneyTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aReportBecomesAConversationWithSummaryTranscriptAndCallDetails() {
    String phone = "+14155550171";

    HttpResponse<String> response = postVapi(Reports.endOfCall("call-e2e-1", phone).toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    List<JsonNode> messages = awaitMessages(phone, 3);
    JsonNode contact = CHATWOOT.contactsWithPhone(phone).get(0);
    assertThat(contact.path("name").asString()).isEqualTo("Alex Rivera");
    assertThat(CHATWOOT.conversationsOf(contact.path("id").asLong())).hasSize(1);
    assertThat(messages.get(0).path("content").asString())
        .contains("Call summary")
        .contains("order 88231");
    assertThat(messages.get(1).path("content").asString())
        .startsWith("Transcript")
        .contains("12 Harbor Lane");
    assertThat(messages.get(2).path("private").asBoolean()).isTrue();
    assertThat(messages.get(2).path("content").asString())
        .contains("call-e2e-1", "customer-ended-call", "2m 32s", "$0.09", "northwind-88231.wav");

    awaitJourney(journeyOf(phone), state -> state.stage() == JourneyStage.WAITING_FOR_REPLY);
    JsonNode journey = journey(phone);
    assertThat(journey.path("conversationId").asLong())
        .isEqualTo(messages.get(0).path("conversation_id").asLong());
    assertThat(journey.path("contactId").asLong()).isEqualTo(contact.path("id").asLong());
    assertThat(journey.path("calls")).hasSize(1);
    assertThat(journey.path("statusLine").asString())
        .startsWith("waiting for reply, follow-up call 1 of 3 at");
  }

  @Test
  void aSecondCallFromTheSameCustomerJoinsTheSameConversation() {
    String phone = "+14155550172";
    postVapi(Reports.endOfCall("call-e2e-2a", phone).toString());
    awaitMessages(phone, 3);

    postVapi(Reports.endOfCall("call-e2e-2b", phone).withoutSummary().toString());
    List<JsonNode> messages = awaitMessages(phone, 6);

    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(messages.get(3).path("content").asString())
        .contains("Transcript extract: AI: Thanks for calling");
    assertThat(awaitJourney(journeyOf(phone), state -> state.calls().size() == 2).conversationId())
        .isEqualTo(messages.get(0).path("conversation_id").asLong());
  }

  @Test
  void chatwootAnswering503ToTheFirstWritesDelaysTheJourneyAndCreatesOneConversation() {
    String phone = "+14155550173";
    CHATWOOT.faults().failNextWrites(4, 503);

    HttpResponse<String> response = postVapi(Reports.endOfCall("call-e2e-3", phone).toString());

    assertThat(response.statusCode())
        .as("acknowledged although Chatwoot is failing")
        .isEqualTo(200);
    awaitMessages(phone, 3);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.contactsWithPhone(phone)).hasSize(1);
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(CHATWOOT.requests().stream().filter(r -> r.status() == 503)).hasSize(4);
  }

  @Test
  void lostResponsesOnChatwootWritesDoNotCreateAnythingTwice() {
    String phone = "+14155550174";
    CHATWOOT.faults().loseNextWriteResponses(5);

    postVapi(Reports.endOfCall("call-e2e-4", phone).toString());

    List<JsonNode> messages = awaitMessages(phone, 3);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(messages)
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly(
            "call:call-e2e-4:summary", "call:call-e2e-4:transcript", "call:call-e2e-4:details");
  }

  @Test
  void aNewCallersTranscriptIsTheFourthChatwootCall() {
    String phone = "+14155550178";
    java.time.Instant before = java.time.Instant.now();

    postVapi(Reports.endOfCall("call-e2e-8", phone).toString());
    awaitMessages(phone, 3);

    // Everything this journey asked Chatwoot, in order, until its transcript existed: the summary
    // opens the conversation, and a contact just created has no conversations to look through.
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    long conversationId = CHATWOOT.conversationsOf(contactId).get(0).path("id").asLong();
    List<String> calls = new java.util.ArrayList<>();
    for (var request : CHATWOOT.requests()) {
      boolean ours =
          request.query().containsValue(phone)
              || request.body().contains(phone)
              || request.body().contains("\"contact_id\":" + contactId)
              || request.path().contains("/contacts/" + contactId + "/")
              || request.path().contains("/conversations/" + conversationId + "/");
      if (request.receivedAt().isBefore(before) || !ours) {
        continue;
      }
      calls.add(request.method() + " " + request.path().replaceAll("/\\d+", "/{id}"));
      if (request.body().contains("call:call-e2e-8:transcript")) {
        break;
      }
    }
    assertThat(calls)
        .containsExactly(
            "GET /api/v1/accounts/{id}/contacts/search", "POST /api/v1/accounts/{id}/contacts",
            "POST /api/v1/accounts/{id}/conversations",
                "POST /api/v1/accounts/{id}/conversations/{id}/messages");
  }

  @Test
  void aLostAnswerToTheConversationsCreateStillGivesOneConversationAndOneSummary() {
    String phone = "+14155550179";
    Runnable unhook =
        CHATWOOT.onRequest(
            r -> {
              if (r.method().equals("POST")
                  && r.path().endsWith("/contacts")
                  && r.body().contains(phone)) {
                CHATWOOT
                    .faults()
                    .loseNextWriteResponses(1); // the conversation's create, with the summary
              }
            });
    try {
      postVapi(Reports.endOfCall("call-e2e-9", phone).toString());
      awaitMessages(phone, 3);
    } finally {
      unhook.run();
    }

    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.contactsWithPhone(phone)).hasSize(1);
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(CHATWOOT.messages(CHATWOOT.conversationsOf(contactId).get(0).path("id").asLong()))
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly(
            "call:call-e2e-9:summary", "call:call-e2e-9:transcript", "call:call-e2e-9:details");
  }

  @Test
  void theSameReportPostedThreeTimesConcurrentlyYieldsOneConversationAndOneSetOfMessages() {
    String phone = "+14155550175";
    String report = Reports.endOfCall("call-e2e-5", phone).toString();

    List<HttpResponse<String>> responses =
        IntStream.range(0, 3)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> postVapi(report)))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    awaitMessages(phone, 3);
    // A later report of another call proves the journey has processed everything before it.
    postVapi(Reports.endOfCall("call-e2e-5-later", phone).toString());
    List<JsonNode> messages = awaitMessages(phone, 6);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.contactsWithPhone(phone)).hasSize(1);
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(
            messages.stream()
                .filter(m -> EngineMark.keyOf(m).orElse("").startsWith("call:call-e2e-5:")))
        .hasSize(3);
    assertThat(awaitJourney(journeyOf(phone), state -> state.calls().size() >= 2).calls())
        .extracting(call -> call.callId())
        .containsExactly("call-e2e-5", "call-e2e-5-later");
  }

  @Test
  void tenConcurrentFirstDeliveriesAreAllAcknowledged() {
    String phone = "+14155550177";
    String report = Reports.endOfCall("call-e2e-7", phone).toString();

    List<HttpResponse<String>> responses =
        IntStream.range(0, 10)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> postVapi(report)))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    // Racing starts of one journey must not turn into 503s: every delivery is recorded.
    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    List<JsonNode> messages = awaitMessages(phone, 3);
    assertThat(messages).hasSize(3);
  }

  @Test
  void theJourneyApiNeedsTheTokenAndFindsAJourneyByPhone() {
    String phone = "+14155550176";
    postVapi(Reports.endOfCall("call-e2e-6", phone).toString());
    awaitMessages(phone, 3);

    assertThat(get("/journeys?phone=%2B14155550176").statusCode()).isEqualTo(401);
    assertThat(get("/journeys?phone=%2B14155550176", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    HttpResponse<String> byId =
        get("/journeys/" + journeyOf(phone), "Authorization", "Bearer test-api-token");
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(byId.body()).path("customerPhone").asString()).isEqualTo(phone);
    HttpResponse<String> formatted =
        get("/journeys?phone=%28415%29%20555-0176", "Authorization", "Bearer test-api-token");
    assertThat(JSON.readTree(formatted.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    assertThat(
            get("/journeys/journey-+14155550999", "Authorization", "Bearer test-api-token")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            get("/journeys/not-a-journey", "Authorization", "Bearer test-api-token").statusCode())
        .isEqualTo(400);
  }

  @Test
  void aCallerWithoutANumberGetsAJourneyKeyedByCallId() {
    postVapi(Reports.endOfCall("call-e2e-anonymous", null).toString());

    CHATWOOT.awaitUntil(
        "the anonymous caller's conversation",
        () ->
            CHATWOOT.contacts().stream()
                .anyMatch(
                    c ->
                        "vapi-call:call-e2e-anonymous".equals(c.path("identifier").asString(null))),
        PATIENCE);
    HttpResponse<String> journey =
        get(
            "/journeys/" + JourneyIds.forAnonymousCall("call-e2e-anonymous"),
            "Authorization",
            "Bearer test-api-token");
    assertThat(journey.statusCode()).isEqualTo(200);
  }

  private List<JsonNode> awaitMessages(String phone, int count) {
    CHATWOOT.awaitUntil(
        count + " messages for " + phone,
        () ->
            CHATWOOT.contactsWithPhone(phone).stream()
                    .flatMap(c -> CHATWOOT.conversationsOf(c.path("id").asLong()).stream())
                    .mapToInt(c -> CHATWOOT.messages(c.path("id").asLong()).size())
                    .sum()
                >= count,
        PATIENCE);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    long conversationId = CHATWOOT.conversationsOf(contactId).get(0).path("id").asLong();
    return CHATWOOT.messages(conversationId);
  }

  private JsonNode journey(String phone) {
    HttpResponse<String> response =
        get("/journeys/" + journeyOf(phone), "Authorization", "Bearer test-api-token");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
