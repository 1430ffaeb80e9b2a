package org.handoffengine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vapi server messages for the load, never typed by hand: the end-of-call report is the engine's
 * demo sample (checked against Vapi's spec by the api tests, copied into this jar at build time);
 * assistant-request and tool-calls come from Vapi's reference samples in ../shared/contracts when
 * that folder is beside the checkout. Only the caller's number, the call id and the tool name
 * change.
 */
final class Payloads {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode report = resource("/demo/end-of-call-report.json");
  private final JsonNode assistantRequest;
  private final JsonNode toolCalls;

  Payloads() {
    Optional<Path> samples = vapiSamples();
    assistantRequest =
        samples.map(s -> file(s.resolve("server-message.assistant-request.json"))).orElse(null);
    toolCalls = samples.map(s -> file(s.resolve("server-message.tool-calls.json"))).orElse(null);
  }

  /**
   * Vapi's reference samples in ../shared beside the checkout ({@code handoff.shared.dir} names it
   * elsewhere). Found here rather than through the test-support module, which carries JUnit.
   */
  private static Optional<Path> vapiSamples() {
    String configured = System.getProperty("handoff.shared.dir");
    return Stream.of(configured, "../shared", "../../shared")
        .filter(dir -> dir != null)
        .map(dir -> Path.of(dir, "contracts", "vapi", "samples"))
        .filter(Files::isDirectory)
        .findFirst();
  }

  /** Whether the live-call samples (../shared/contracts/vapi/samples) were found. */
  boolean hasLiveCallSamples() {
    return assistantRequest != null && toolCalls != null;
  }

  String endOfCallReport(String callId, String phone) {
    return forCall(report, callId, phone).toString();
  }

  String assistantRequest(String callId, String phone) {
    return forCall(assistantRequest, callId, phone).toString();
  }

  /** A copy of the sample with this call id and caller number. */
  private static ObjectNode forCall(JsonNode sample, String callId, String phone) {
    ObjectNode envelope = (ObjectNode) sample.deepCopy();
    ObjectNode message = (ObjectNode) envelope.get("message");
    ObjectNode call = (ObjectNode) message.get("call");
    call.put("id", callId);
    ((ObjectNode) message.get("customer")).put("number", phone);
    ((ObjectNode) call.get("customer")).put("number", phone);
    return envelope;
  }

  /** The sample's first tool call, renamed to the engine's lookup tool; the others dropped. */
  String lookupCustomer(String callId, String phone, String toolCallId) {
    ObjectNode envelope = (ObjectNode) toolCalls.deepCopy();
    ObjectNode message = (ObjectNode) envelope.get("message");
    ObjectNode toolCall = (ObjectNode) message.get("toolCallList").get(0);
    toolCall.put("id", toolCallId);
    ((ObjectNode) toolCall.get("function")).put("name", "lookupCustomer").put("arguments", "{}");
    ArrayNode only = message.putArray("toolCallList");
    only.add(toolCall);
    message.remove("toolWithToolCallList");
    ObjectNode call =
        message.path("call").isObject()
            ? (ObjectNode) message.get("call")
            : message.putObject("call");
    call.put("id", callId);
    ObjectNode customer =
        message.path("customer").isObject()
            ? (ObjectNode) message.get("customer")
            : message.putObject("customer");
    customer.put("number", phone);
    if (call.path("customer").isObject()) {
      ((ObjectNode) call.get("customer")).put("number", phone);
    }
    return envelope.toString();
  }

  private static JsonNode resource(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is missing from the bench jar; rebuild it: ./mvnw -q package -DskipTests");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode file(Path path) {
    try {
      return Files.isRegularFile(path) ? JSON.readTree(Files.readString(path)) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
