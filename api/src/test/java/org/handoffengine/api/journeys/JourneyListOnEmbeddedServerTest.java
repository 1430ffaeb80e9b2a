package org.handoffengine.api.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded server has no visibility store: listing answers 501 and says why; one customer's
 * journey is still found.
 */
class JourneyListOnEmbeddedServerTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void listingAnswers501WithAReasonWhileThePhoneLookupStillWorks() {
    String phone = "+14155550644";
    postVapi(Reports.endOfCall("call-list-embedded", phone).toString());
    awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);

    for (String path :
        new String[] {
          "/journeys?stage=NEEDS_ATTENTION",
          "/journeys?escalated=true",
          "/journeys?phone=%2B14155550644&pageSize=10",
          "/journeys"
        }) {
      HttpResponse<String> response = get(path, "Authorization", "Bearer test-api-token");
      assertThat(response.statusCode()).as(path).isEqualTo(501);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.path("status").asInt()).isEqualTo(501);
      assertThat(problem.path("detail").asString())
          .contains("embedded", "visibility", "spring.temporal.connection.target");
    }
    HttpResponse<String> single =
        get("/journeys?phone=%2B14155550644", "Authorization", "Bearer test-api-token");
    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(single.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    assertThat(
            get("/journeys?stage=SLEEPING", "Authorization", "Bearer test-api-token").statusCode())
        .isEqualTo(400);
  }
}
