package org.handoffengine.api.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A journey's Temporal actions, counted from its history through the journey API. */
class JourneyHistoryControllerTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "Bearer test-api-token";

  @Test
  void aJourneyOfOneCallWaitingForItsFollowUpHasItsActionsCounted() {
    String phone = "+14155550281";
    String journeyId = journeyOf(phone);
    postVapi(Reports.endOfCall("call-actions-1", phone).toString());
    awaitJourney(journeyId, state -> state.stage() == JourneyStage.WAITING_FOR_REPLY);

    HttpResponse<String> response =
        get("/journeys/" + journeyId + "/actions", "Authorization", TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode actions = JSON.readTree(response.body());
    assertThat(actions.path("journeyId").asString()).isEqualTo(journeyId);
    // Signal-with-start: one start (carrying the first search attributes) and one signal.
    // The contact and its conversation opened with the whole call (summary, transcript, details)
    // in one activity, on its first attempt, and the one version marker of the run. One
    // search-attribute upsert (waiting, with the conversation id) and the follow-up timer.
    assertThat(actions.path("workflowStarts").asInt()).isEqualTo(1);
    assertThat(actions.path("signals").asInt()).isEqualTo(1);
    assertThat(actions.path("activities").asInt()).isEqualTo(1);
    assertThat(actions.path("activityAttempts").asInt()).isEqualTo(1);
    assertThat(actions.path("timers").asInt()).isEqualTo(1);
    assertThat(actions.path("searchAttributeUpserts").asInt()).isEqualTo(1);
    assertThat(actions.path("updates").asInt()).isZero();
    assertThat(actions.path("markers").asInt()).isEqualTo(1);
    assertThat(actions.path("billableActions").asInt()).isEqualTo(6);
    assertThat(actions.path("workflowTasks").asInt())
        .isEqualTo(actions.path("events").path("WORKFLOW_TASK_SCHEDULED").asInt());
    assertThat(actions.path("historyEvents").asInt())
        .isEqualTo(actions.path("events").valueStream().mapToInt(JsonNode::asInt).sum());
  }

  @Test
  void retriedActivityAttemptsAreCountedAsActions() {
    String phone = "+14155550282";
    String journeyId = journeyOf(phone);
    CHATWOOT
        .faults()
        .failNextWrites(2, 502); // 503s are counted by another test sharing the sandbox
    postVapi(Reports.endOfCall("call-actions-2", phone).toString());
    awaitJourney(journeyId, state -> state.stage() == JourneyStage.WAITING_FOR_REPLY);

    JsonNode actions =
        JSON.readTree(get("/journeys/" + journeyId + "/actions", "Authorization", TOKEN).body());

    // One step; both failed writes are its (the contact's create, twice): two more attempts.
    assertThat(actions.path("activities").asInt()).isEqualTo(1);
    assertThat(actions.path("activityAttempts").asInt()).isEqualTo(3);
    assertThat(actions.path("billableActions").asInt()).isEqualTo(8);
  }

  @Test
  void theCountNeedsTheTokenAndAJourneyThatExists() {
    assertThat(get("/journeys/journey-+14155550283/actions").statusCode()).isEqualTo(401);
    assertThat(get("/journeys/journey-+14155550283/actions", "Authorization", TOKEN).statusCode())
        .isEqualTo(404);
    assertThat(get("/journeys/not-a-journey/actions", "Authorization", TOKEN).statusCode())
        .isEqualTo(400);
  }
}
