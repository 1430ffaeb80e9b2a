package org.handoffengine.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The validator against Vapi's published spec and the project's reference samples. */
class VapiContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyReferenceSampleValidatesExceptTheLiveVariant() throws IOException {
    OpenApiContract vapi = SharedContracts.assumeVapi();
    Path samples = SharedContracts.vapiSamples().orElseThrow();
    JsonNode index = JSON.readTree(samples.resolve("index.json").toFile());

    int checked = 0;
    for (JsonNode sample : index.path("samples")) {
      if (!sample.path("schema").isTextual()) {
        continue; // error bodies: the spec documents none
      }
      String body = Files.readString(samples.resolve(sample.path("file").asText()));
      var violations = vapi.validate(body, sample.path("schema").asText());
      if (sample.path("validates").asBoolean()) {
        assertThat(violations).as(sample.path("file").asText()).isEmpty();
      } else {
        assertThat(violations).as(sample.path("file").asText()).isNotEmpty();
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(24);
  }

  @Test
  void theSpecsRealRulesStillBite() throws IOException {
    OpenApiContract vapi = SharedContracts.assumeVapi();
    Path samples = SharedContracts.vapiSamples().orElseThrow();
    ObjectNode report =
        (ObjectNode)
            JSON.readTree(samples.resolve("server-message.end-of-call-report.json").toFile());
    ObjectNode message = (ObjectNode) report.get("message");

    message.put("endedReason", "hangup");
    assertThat(vapi.validate(report.toString(), "#/components/schemas/ServerMessage")).isNotEmpty();

    ObjectNode createCall =
        (ObjectNode) JSON.readTree(samples.resolve("api.create-call.request.json").toFile());
    assertThat(vapi.validateRequest("POST", "/call", createCall.toString())).isEmpty();
    ((ObjectNode) createCall.get("customer")).put("number", "1");
    assertThat(vapi.validateRequest("POST", "/call", createCall.toString())).isNotEmpty();
    assertThat(vapi.validateRequest("POST", "/nope", "{}"))
        .singleElement()
        .asString()
        .contains("no such path");
    assertThat(vapi.validateRequest("PUT", "/call", "{}"))
        .singleElement()
        .asString()
        .contains("documents no PUT");
  }

  @Test
  void swagger2BodiesAreFoundThroughBasePathAndBodyParameters() {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("swagger", "2.0");
    spec.put("basePath", "/api/v1");
    ObjectNode post =
        spec.putObject("paths").putObject("/accounts/{account_id}/notes").putObject("post");
    ObjectNode body = post.putArray("parameters").addObject();
    body.put("in", "body");
    body.putObject("schema").put("$ref", "#/definitions/note");
    ObjectNode note = spec.putObject("definitions").putObject("note");
    note.put("type", "object");
    note.putArray("required").add("content");
    note.putObject("properties").putObject("content").put("type", "string");

    OpenApiContract contract = OpenApiContract.of(spec);

    assertThat(contract.validateRequest("POST", "/api/v1/accounts/3/notes", "{\"content\":\"hi\"}"))
        .isEmpty();
    assertThat(contract.validateRequest("POST", "/api/v1/accounts/3/notes", "{\"content\":5}"))
        .isNotEmpty();
    assertThat(contract.validateRequest("POST", "/api/v1/accounts/3/notes", "{}")).isNotEmpty();
  }
}
