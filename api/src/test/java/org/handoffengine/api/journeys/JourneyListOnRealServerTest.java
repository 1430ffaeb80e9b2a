package org.handoffengine.api.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /journeys?stage=…|escalated=…|phone=…} through the real server's visibility store:
 * three journeys in three situations, each list finds the right ones, pages hold {@code pageSize}
 * and chain through {@code nextPageToken}. Visibility trails the journeys by a moment, so each list
 * is read again until it shows what the journeys already are.
 */
@RealTemporal
class JourneyListOnRealServerTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String WAITING = "+14155550641";
  private static final String REFUSED = "+14155550642";
  private static final String ESCALATED = "+14155550643";

  @Test
  void listsJourneysByStageEscalationAndPhoneInPages() {
    String waiting = journeyOf(WAITING);
    String refused = journeyOf(REFUSED);
    String escalated = journeyOf(ESCALATED);
    postVapi(Reports.endOfCall("call-list-1", WAITING).toString());
    awaitJourney(waiting, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    CHATWOOT.faults().failNextWrites(1, 422); // the contact is refused: the journey needs attention
    postVapi(Reports.endOfCall("call-list-2", REFUSED).toString());
    awaitJourney(refused, s -> s.stage() == JourneyStage.NEEDS_ATTENTION);
    postVapi(Reports.endOfCall("call-list-3", ESCALATED).toString());
    awaitJourney(escalated, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    post(
        "/journeys/" + escalated + "/escalate",
        "{\"reason\":\"wants a manager\"}",
        "Authorization",
        "Bearer test-api-token");
    awaitJourney(escalated, s -> s.escalation().escalated());

    List<String> needingAttention =
        ids(awaitList("/journeys?stage=NEEDS_ATTENTION", page -> ids(page).contains(refused)));
    assertThat(needingAttention).contains(refused).doesNotContain(waiting, escalated);
    JsonNode listed =
        awaitList("/journeys?stage=NEEDS_ATTENTION", page -> true)
            .path("journeys")
            .get(needingAttention.indexOf(refused));
    assertThat(listed.path("stage").asString()).isEqualTo("NEEDS_ATTENTION");
    assertThat(listed.path("status").asString()).isEqualTo("RUNNING");

    List<String> escalatedOnes =
        ids(awaitList("/journeys?escalated=true", page -> ids(page).contains(escalated)));
    assertThat(escalatedOnes).contains(escalated).doesNotContain(waiting, refused);
    assertThat(ids(awaitList("/journeys?escalated=false", page -> ids(page).contains(waiting))))
        .doesNotContain(escalated);

    JsonNode byPhone =
        awaitList(
            "/journeys?phone=%2B14155550641&pageSize=10", page -> ids(page).contains(waiting));
    assertThat(ids(byPhone)).containsExactly(waiting);
    assertThat(byPhone.path("journeys").get(0).path("conversationId").asLong()).isPositive();
    // Without a list parameter, ?phone= still answers the customer's journey itself.
    JsonNode single =
        JSON.readTree(
            get("/journeys?phone=%2B14155550641", "Authorization", "Bearer test-api-token").body());
    assertThat(single.path("journeyId").asString()).isEqualTo(waiting);
    assertThat(single.path("calls")).hasSize(1);

    List<String> everyJourney = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page =
          list("/journeys?pageSize=2" + (token == null ? "" : "&nextPageToken=" + token));
      assertThat(page.path("journeys").size()).isLessThanOrEqualTo(2);
      everyJourney.addAll(ids(page));
      token =
          page.path("nextPageToken").isNull() ? null : page.path("nextPageToken").asString(null);
      pages++;
    } while (token != null && pages < 100);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(everyJourney).contains(waiting, refused, escalated).doesNotHaveDuplicates();
  }

  @Test
  void badListParametersAre400s() {
    assertThat(
            get("/journeys?stage=SLEEPING", "Authorization", "Bearer test-api-token").statusCode())
        .isEqualTo(400);
    assertThat(
            get("/journeys?escalated=maybe", "Authorization", "Bearer test-api-token").statusCode())
        .isEqualTo(400);
    assertThat(get("/journeys?pageSize=0", "Authorization", "Bearer test-api-token").statusCode())
        .isEqualTo(400);
    assertThat(
            get("/journeys?nextPageToken=%25%25", "Authorization", "Bearer test-api-token")
                .statusCode())
        .isEqualTo(400);
    assertThat(get("/journeys?stage=RESOLVED").statusCode()).isEqualTo(401);
  }

  private JsonNode awaitList(String path, Predicate<JsonNode> until) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JsonNode page = list(path);
      if (until.test(page) || System.nanoTime() > deadline) {
        return page;
      }
      LockSupport.parkNanos(
          Duration.ofMillis(50)
              .toNanos()); // a poll interval, not a wait for the journey: it is already there
    }
  }

  private JsonNode list(String path) {
    HttpResponse<String> response = get(path, "Authorization", "Bearer test-api-token");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("journeys").forEach(j -> ids.add(j.path("journeyId").asString()));
    return ids;
  }
}
