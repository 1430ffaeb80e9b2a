package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vapi's reference payloads (../shared/contracts/vapi/samples) through the real webhook. */
class VapiSamplesTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Messages Vapi waits on, and the schema their answer must match. */
  private static final Map<String, String> ANSWERS =
      Map.of(
          "assistant-request", "#/components/schemas/ServerMessageResponseAssistantRequest",
          "tool-calls", "#/components/schemas/ServerMessageResponseToolCalls",
          "transfer-destination-request",
              "#/components/schemas/ServerMessageResponseTransferDestinationRequest");

  @Test
  void everyServerMessageSampleIsAcknowledgedAndOnlyTheReportStartsAJourney() throws IOException {
    SharedContracts.assumeVapi();
    Path samples = SharedContracts.vapiSamples().orElseThrow();
    List<Path> messages;
    try (Stream<Path> files = Files.list(samples)) {
      messages =
          files
              .filter(f -> f.getFileName().toString().startsWith("server-message."))
              .sorted()
              .toList();
    }
    assertThat(messages).hasSizeGreaterThanOrEqualTo(12);

    OpenApiContract vapi = SharedContracts.assumeVapi();
    for (Path sample : messages) {
      String name = sample.getFileName().toString();
      HttpResponse<String> response = postVapi(Files.readString(sample));
      assertThat(response.statusCode()).as(name).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body());
      String answerSchema =
          ANSWERS.get(
              name.replaceAll(
                  "^server-message\\.|\\.json$|\\.live-variant|\\.in-progress|\\.ended", ""));
      if (answerSchema != null) {
        assertThat(vapi.validate(response.body(), answerSchema)).as(name + " answer").isEmpty();
      } else {
        assertThat(answer.path("status").asString())
            .as(name)
            .isIn("accepted", "ignored", "recorded");
      }
    }

    JourneyView journey = awaitJourney(journeyOf("+14155550123"), s -> !s.calls().isEmpty());
    assertThat(journey.calls().get(0).callId()).isEqualTo("4c1e2f3a-9b8d-4e7f-a6c5-3d2e1f0a9b8c");
    assertThat(journey.calls().get(0).direction()).isEqualTo("outbound");
    assertThat(journey.lastSummary()).startsWith("Riley called Dana Whitfield about order 10423");
  }

  @Test
  void theDemoReportAndItsTestVariantsAreValidServerMessages() {
    OpenApiContract vapi = SharedContracts.assumeVapi();

    for (JsonNode report :
        List.of(
            Reports.endOfCall("call-x", "+14155550199").json(),
            Reports.endOfCall("call-y", null).withoutSummary().json(),
            Reports.endOfCall("call-z", "+14155550199")
                .endedReason("customer-did-not-answer")
                .json())) {
      assertThat(vapi.validate(report.toString(), "#/components/schemas/ServerMessage")).isEmpty();
    }
  }
}
