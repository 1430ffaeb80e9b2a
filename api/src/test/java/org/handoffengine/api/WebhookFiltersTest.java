package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook authentication runs in filters ahead of binding: a refusal is the problem document the
 * controllers wrote before, and a path no filter recognises is never taken unauthenticated.
 */
class WebhookFiltersTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String EVENT =
      "{\"event\":\"conversation_status_changed\",\"id\":1,\"status\":\"resolved\"}";

  @Test
  void aRefusalIsTheProblemDocumentSpringWouldWrite() {
    HttpResponse<String> refused =
        post("/webhooks/vapi", Reports.endOfCall("call-filter-1", "+14155558171").toString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
    assertThat(problem.path("status").asInt()).isEqualTo(401);
    assertThat(problem.path("instance").asString()).isEqualTo("/webhooks/vapi");
    assertThat(problem.path("detail").asString()).contains("X-Vapi-Secret");
    // The same fields as a problem the controller answers, after binding.
    JsonNode fromController = JSON.readTree(postVapi("{\"message\": {\"call\": {}}}").body());
    assertThat(problem.propertyNames())
        .containsExactlyInAnyOrderElementsOf(fromController.propertyNames());
    assertThat(fromController.path("instance").asString()).isEqualTo("/webhooks/vapi");
  }

  @Test
  void aPathWithParametersIsAuthenticatedAsThePathItMatches() {
    assertThat(post("/webhooks/chatwoot;x=1", EVENT).statusCode()).isEqualTo(401);
    assertThat(
            post(
                    "/webhooks/vapi;x=1",
                    Reports.endOfCall("call-filter-2", "+14155558172").toString())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void anAccountIdTheFilterCannotReadIsNeverTaken() {
    // Spring reads 0x1 as account 1; the filter names no sender for it, so nothing authenticated
    // it.
    for (String path :
        new String[] {"/webhooks/chatwoot/accounts/0x1", "/webhooks/chatwoot/accounts/0x1/bot"}) {
      HttpResponse<String> response = post(path + "?token=wrong", EVENT);
      assertThat(response.statusCode()).as(path).isBetween(400, 499);
    }
  }

  @Test
  void theBodyTheFilterReadIsTheBodyTheControllerBinds() {
    HttpResponse<String> accepted =
        postVapi(Reports.endOfCall("call-filter-3", "+14155558173").toString());

    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(accepted.body()).path("callId").asString()).isEqualTo("call-filter-3");
  }
}
