package org.handoffengine.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
  void queryParametersAreCheckedAgainstTheOperationsDeclarations() {
    OpenApiContract vapi = SharedContracts.assumeVapi();
    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("assistantId", "asst-1");
    valid.put("phoneNumberId", "pn-1");
    valid.put("createdAtGt", "2025-01-02T03:04:05.678Z");
    valid.put("limit", "100");
    assertThat(vapi.validateRequest("GET", "/call", valid, null)).isEmpty();

    Map<String, String> misspelt = new LinkedHashMap<>(valid);
    misspelt.put("createdAtGT", misspelt.remove("createdAtGt"));
    assertThat(vapi.validateRequest("GET", "/call", misspelt, null))
        .singleElement()
        .asString()
        .contains("query parameter createdAtGT is not one the spec declares");

    Map<String, String> tooMany = new LinkedHashMap<>(valid);
    tooMany.put("limit", "5000"); // the spec's maximum is 1000
    assertThat(vapi.validateRequest("GET", "/call", tooMany, null))
        .singleElement()
        .asString()
        .contains("limit=5000");

    assertThat(vapi.validateRequest("GET", "/call", Map.of("limit", "many"), null)).isNotEmpty();
    assertThat(vapi.validateRequest("GET", "/call", Map.of("createdAtGt", "yesterday"), null))
        .isNotEmpty();
  }

  @Test
  void queryParametersComeFromThePathAndOperationAndMayBeRequired() {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("openapi", "3.0.3");
    ObjectNode item = spec.putObject("paths").putObject("/reports/{id}");
    ObjectNode region = item.putArray("parameters").addObject();
    region.put("name", "region").put("in", "query");
    region.putObject("schema").put("type", "string").putArray("enum").add("eu").add("us");
    item.putObject("get")
        .putArray("parameters")
        .addObject()
        .put("$ref", "#/components/parameters/page");
    ObjectNode page = spec.putObject("components").putObject("parameters").putObject("page");
    page.put("name", "page").put("in", "query").put("required", true);
    page.putObject("schema").put("type", "integer").put("minimum", 1);
    ObjectNode since =
        ((ObjectNode) spec.get("paths"))
            .putObject("/reports/summary")
            .putObject("get")
            .putArray("parameters")
            .addObject();
    since.put("name", "since").put("in", "query").putObject("schema").put("type", "string");

    OpenApiContract contract = OpenApiContract.of(spec);

    // The concrete path, not /reports/{id}, which would want page and refuse since.
    assertThat(contract.validateRequest("GET", "/reports/summary", Map.of("since", "x"), null))
        .isEmpty();

    assertThat(
            contract.validateRequest(
                "GET", "/reports/7", Map.of("page", "2", "region", "eu"), null))
        .isEmpty();
    assertThat(contract.validateRequest("GET", "/reports/7", Map.of("region", "eu"), null))
        .singleElement()
        .asString()
        .contains("required query parameter page is missing");
    assertThat(contract.validateRequest("GET", "/reports/7", Map.of("page", "0"), null))
        .isNotEmpty();
    assertThat(
            contract.validateRequest(
                "GET", "/reports/7", Map.of("page", "1", "region", "mars"), null))
        .isNotEmpty();
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

    ObjectNode page = ((ArrayNode) post.get("parameters")).addObject();
    page.put("name", "page").put("in", "query").put("type", "integer").put("maximum", 9);
    contract = OpenApiContract.of(spec);
    String content = "{\"content\":\"hi\"}";
    String path = "/api/v1/accounts/3/notes";
    assertThat(contract.validateRequest("POST", path, Map.of("page", "2"), content)).isEmpty();
    assertThat(contract.validateRequest("POST", path, Map.of("page", "10"), content)).isNotEmpty();
    assertThat(contract.validateRequest("POST", path, Map.of("pg", "2"), content)).isNotEmpty();
  }
}
