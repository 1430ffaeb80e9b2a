package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The api role in front of a Temporal that is down: a webhook is answered 503 with a JSON body (so
 * Vapi's backoff plan retries it) instead of a 2xx for work nobody recorded.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "handoff.roles=api",
      "spring.temporal.test-server.enabled=false",
      "handoff.temporal.rpc-deadline=PT2S",
      "handoff.chatwoot.base-url=http://127.0.0.1:9",
      "handoff.chatwoot.inbox-id=7",
    })
@ActiveProfiles("test")
class TemporalUnreachableTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void deadTemporal(DynamicPropertyRegistry registry) {
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + closedPort());
  }

  @Test
  void aReportIsAnswered503WhenTemporalCannotRecordIt() throws Exception {
    HttpResponse<String> response =
        postVapi(Reports.endOfCall("call-down", "+14155550191").toString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode problem = JsonMapper.builder().build().readTree(response.body());
    assertThat(problem.path("detail").asString()).contains("Temporal", "unavailable");
  }

  @Test
  void aCallerAskingForAPersonIsStillTransferredWhenTemporalIsDown() throws Exception {
    Path sample =
        SharedContracts.vapiSamples()
            .map(s -> s.resolve("server-message.transfer-destination-request.json"))
            .orElse(null);
    Assumptions.assumeTrue(
        sample != null, "needs ../shared/contracts/vapi/samples beside the repo");
    ObjectNode body = (ObjectNode) JsonMapper.builder().build().readTree(sample.toFile());
    // On the default route: the sample's own number and assistant are not this engine's.
    ((ObjectNode) body.path("message").path("call"))
        .remove(List.of("phoneNumberId", "assistantId"));
    ((ObjectNode) body.path("message")).remove(List.of("phoneNumber", "assistant"));
    HttpResponse<String> response = postVapi(body.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("+14155550100");
  }

  private HttpResponse<String> postVapi(String message) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/vapi"))
                .header("Content-Type", "application/json")
                .header("X-Vapi-Secret", "test-vapi-secret")
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
