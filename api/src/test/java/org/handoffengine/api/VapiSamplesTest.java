package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vapi's reference payloads (../shared/contracts/vapi/samples) through the real webhook. */
class VapiSamplesTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyServerMessageSampleIsAcknowledgedAndOnlyTheReportStartsAJourney() throws IOException {
    SharedContracts.assumeVapi();
    Path samples = SharedContracts.vapiSamples().orElseThrow();
    List<Path> messages;
    try (Stream<Path> files = Files.list(samples)) {
      messages = files.filter(f -> f.getFileName().toString().startsWith("server-message.")).sorted().toList();
    }
    assertThat(messages).hasSizeGreaterThanOrEqualTo(12);

    for (Path sample : messages) {
      HttpResponse<String> response = postVapi(Files.readString(sample));
      assertThat(response.statusCode()).as(sample.getFileName().toString()).isEqualTo(200);
      String status = JSON.readTree(response.body()).path("status").asString();
      boolean report = sample.getFileName().toString().contains("end-of-call-report");
      assertThat(status).as(sample.getFileName().toString()).isEqualTo(report ? "accepted" : "ignored");
    }

    JourneyState journey = awaitJourney(JourneyIds.forCustomer("+14155550123"), s -> !s.calls().isEmpty());
    assertThat(journey.calls().get(0).callId()).isEqualTo("4c1e2f3a-9b8d-4e7f-a6c5-3d2e1f0a9b8c");
    assertThat(journey.calls().get(0).direction()).isEqualTo("outbound");
    assertThat(journey.lastSummary()).startsWith("Riley called Dana Whitfield about order 10423");
  }

  @Test
  void theDemoReportAndItsTestVariantsAreValidServerMessages() {
    OpenApiContract vapi = SharedContracts.assumeVapi();

    for (JsonNode report : List.of(
        Reports.endOfCall("call-x", "+14155550199").json(),
        Reports.endOfCall("call-y", null).withoutSummary().json(),
        Reports.endOfCall("call-z", "+14155550199").endedReason("customer-did-not-answer").json())) {
      assertThat(vapi.validate(report.toString(), "#/components/schemas/ServerMessage")).isEmpty();
    }
  }
}
