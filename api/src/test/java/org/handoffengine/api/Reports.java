package org.handoffengine.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * End-of-call reports for tests, built from the demo's sample report (which a contract test checks
 * against Vapi's published spec) with the fields a test needs changed.
 */
public final class Reports {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNode TEMPLATE = load();

  private final ObjectNode envelope = (ObjectNode) TEMPLATE.deepCopy();
  private final ObjectNode message = (ObjectNode) envelope.get("message");

  private Reports() {}

  /** The demo's report with its own call id and caller number. */
  public static Reports endOfCall(String callId, String customerNumber) {
    Reports report = new Reports();
    ((ObjectNode) report.message.get("call")).put("id", callId);
    report.customerNumber(customerNumber);
    return report;
  }

  public Reports customerNumber(String number) {
    ObjectNode call = (ObjectNode) message.get("call");
    if (number == null) {
      message.remove("customer");
      call.remove("customer");
    } else {
      ((ObjectNode) message.get("customer")).put("number", number);
      ((ObjectNode) call.get("customer")).put("number", number);
    }
    return this;
  }

  /** The Vapi number and assistant the call used, which decide its route. */
  public Reports via(String phoneNumberId, String assistantId) {
    ObjectNode call = (ObjectNode) message.get("call");
    call.put("phoneNumberId", phoneNumberId);
    call.put("assistantId", assistantId);
    return this;
  }

  public Reports withoutSummary() {
    ((ObjectNode) message.get("analysis")).remove("summary");
    return this;
  }

  public Reports withoutCall() {
    message.remove("call");
    return this;
  }

  public Reports type(String type) {
    message.put("type", type);
    return this;
  }

  public Reports endedReason(String endedReason) {
    message.put("endedReason", endedReason);
    ((ObjectNode) message.get("call")).put("endedReason", endedReason);
    return this;
  }

  public JsonNode json() {
    return envelope;
  }

  @Override
  public String toString() {
    return envelope.toString();
  }

  private static JsonNode load() {
    try (InputStream in = Reports.class.getResourceAsStream("/demo/end-of-call-report.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
