package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowNotFoundException;
import java.net.http.HttpResponse;
import org.handoffengine.workflows.journey.JourneyIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every bad request is refused with the right status and a JSON body naming the problem, and starts nothing. */
class VapiWebhookRejectionTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired private MeterRegistry meters;

  @Test
  void malformedJsonIsA400() {
    HttpResponse<String> response = postVapi("{\"message\": {\"type\": \"end-of-call-report\", ");

    assertProblem(response, 400, "not valid JSON");
  }

  @Test
  void missingSecretIsA401() {
    HttpResponse<String> response = post("/webhooks/vapi", Reports.endOfCall("call-no-secret", "+14155550161").toString());

    assertProblem(response, 401, "X-Vapi-Secret");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertNoJourney(journeyOf("+14155550161"));
  }

  @Test
  void wrongSecretIsA401AndBearerWithTheRightSecretIsAccepted() {
    String report = Reports.endOfCall("call-wrong-secret", "+14155550162").toString();

    assertProblem(post("/webhooks/vapi", report, "X-Vapi-Secret", "guess"), 401, "does not match");
    assertProblem(post("/webhooks/vapi", report, "Authorization", "Bearer guess"), 401, "does not match");
    assertNoJourney(journeyOf("+14155550162"));

    HttpResponse<String> accepted = post("/webhooks/vapi", report, "Authorization", "Bearer test-vapi-secret");
    assertThat(accepted.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownMessageTypeIsAcknowledgedAndIgnored() {
    HttpResponse<String> response =
        postVapi(Reports.endOfCall("call-unknown-type", "+14155550163").type("model-output-v9").toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asString()).isEqualTo("ignored");
    assertNoJourney(journeyOf("+14155550163"));
  }

  @Test
  void reportWithoutCallIsA400() {
    HttpResponse<String> response = postVapi(Reports.endOfCall("call-none", "+14155550164").withoutCall().toString());

    assertProblem(response, 400, "message.call is missing");
    assertNoJourney(journeyOf("+14155550164"));
  }

  @Test
  void aPhoneNumberChatwootWouldRejectIsA400() {
    HttpResponse<String> response = postVapi(Reports.endOfCall("call-bad-number", "+0 12").toString());

    assertProblem(response, 400, "customer.number");
    assertNoJourney(JourneyIds.forAnonymousCall("call-bad-number"));
  }

  @Test
  void bodyWithoutMessageIsA400() {
    assertProblem(postVapi("{\"type\": \"end-of-call-report\"}"), 400, "no message object");
    assertProblem(postVapi("{\"message\": {\"call\": {}}}"), 400, "message.type is missing");
  }

  @Test
  void aBodyOverTheLimitIs413AndStartsNothing() {
    String huge = Reports.endOfCall("call-huge", "+14155550165").toString().replace("\"cost\"", "\"padding\": \"" + "x".repeat(2_000_000) + "\", \"cost\"");

    assertProblem(postVapi(huge), 413, "larger than");
    assertProblem(post("/webhooks/chatwoot?token=test-chatwoot-secret", huge), 413, "larger than");
    assertNoJourney(journeyOf("+14155550165"));
  }

  @Test
  void unknownMessageTypesAreCounted() {
    double before = unknownVapiMessages();

    postVapi(Reports.endOfCall("call-counted", "+14155550166").type("brand-new-type").toString());

    assertThat(unknownVapiMessages()).isEqualTo(before + 1);
  }

  private double unknownVapiMessages() {
    var counter = meters.find("handoff.webhooks.received").tags("platform", "vapi", "type", "unknown").counter();
    return counter == null ? 0 : counter.count();
  }

  private void assertProblem(HttpResponse<String> response, int status, String detailContains) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asString()).contains(detailContains);
  }

  private void assertNoJourney(String journeyId) {
    assertThatThrownBy(() -> temporal.newUntypedWorkflowStub(journeyId).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
