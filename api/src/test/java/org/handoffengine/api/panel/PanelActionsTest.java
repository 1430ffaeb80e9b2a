package org.handoffengine.api.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the panel's actions answer: what the journey said, not what was hoped for. */
class PanelActionsTest extends PanelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void anEscalationTheJourneyRefusesIsReportedAsNotDone() {
    JourneyView journey = journeyFromACall("call-panel-actions-1", "+14155550631", null);
    String body =
        "{\"account\":1,\"conversation\":"
            + journey.conversationId()
            + ",\"journey\":\""
            + journey.journeyId()
            + "\",\"agent\":{\"id\":2,\"name\":\"Jordan (agent)\"}}";

    HttpResponse<String> first =
        post("/chatwoot/panel/actions/escalate", body, "Authorization", bearer(1));
    assertThat(first.statusCode()).isEqualTo(202);
    awaitJourney(journey.journeyId(), s -> s.escalation().escalated());
    HttpResponse<String> again =
        post("/chatwoot/panel/actions/escalate", body, "Authorization", bearer(1));

    assertThat(JSON.readTree(first.body()).path("status").asString())
        .isIn(
            "handed to a human",
            "recorded: the conversation is handed to a human as soon as it can be");
    assertThat(again.statusCode()).as("a human already has it: nothing was done").isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(again.body()).path("detail").asString())
        .isEqualTo("a human already has this conversation");
  }
}
