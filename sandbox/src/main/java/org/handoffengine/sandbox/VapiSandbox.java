package org.handoffengine.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vapi's call API on loopback: {@code POST /call}, {@code GET /call/{id}}, {@code GET /call}, with
 * Vapi's bearer auth and its NestJS-style error bodies. A test ends a placed call with {@link
 * #endCall} and gets the end-of-call report Vapi would send to the server URL.
 */
public class VapiSandbox extends SandboxServer {

  public static final String ORG_ID = "0f3c8d2e-5a41-4b6e-9d7c-2e1f0a9b8c7d";

  private final String apiKey;
  private final Map<String, ObjectNode> calls = new LinkedHashMap<>();
  private final Map<String, ObjectNode> assistants = new LinkedHashMap<>();
  private final Map<String, ObjectNode> tools = new LinkedHashMap<>();
  private final java.util.Set<String> undialable = new java.util.HashSet<>();
  private int busySlotsFor;
  private int blockedCallsFor;
  private int sequence;

  public VapiSandbox(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  protected void resetState() {
    undialable.clear();
    busySlotsFor = 0;
    blockedCallsFor = 0;
    calls.clear();
    tools.clear();
    assistants
        .values()
        .forEach(
            a -> {
              a.remove("server");
              a.remove("serverMessages");
            });
  }

  /**
   * Vapi will not dial this number until {@link #dial}: {@code POST /call} answers 400 with its
   * validation message, as Vapi does for a number it refuses.
   */
  public synchronized VapiSandbox refuseToDial(String number) {
    undialable.add(number);
    return this;
  }

  /**
   * The org's call slots are all busy for the next {@code times} {@code POST /call}s: Vapi answers
   * 400 "Over Concurrency Limit" and places nothing (docs {@code calls/call-concurrency}: 10 slots
   * by default; the 400 of the former {@code advanced/concurrency-limits} page).
   */
  public synchronized VapiSandbox slotsBusyFor(int times) {
    busySlotsFor = times;
    return this;
  }

  /**
   * The other answer Vapi gives over the cap, for the next {@code times} {@code POST /call}s: 201
   * with the call and {@code subscriptionLimits.concurrencyBlocked: true} (docs {@code
   * calls/call-concurrency}), and the call ends at once, rung to nobody, with {@code
   * call.start.error-subscription-concurrency-limit-reached}. Its report comes from {@link
   * #endOfCallReport}.
   */
  public synchronized VapiSandbox blockCallsFor(int times) {
    blockedCallsFor = times;
    return this;
  }

  public synchronized VapiSandbox dial(String number) {
    undialable.remove(number);
    return this;
  }

  /** An assistant as the Vapi dashboard creates it: no server URL yet. */
  public synchronized VapiSandbox addAssistant(String id, String name) {
    ObjectNode assistant = json.createObjectNode();
    assistant.put("id", id);
    assistant.put("orgId", ORG_ID);
    assistant.put("name", name);
    assistant.put("createdAt", Instant.now().toString());
    assistant.put("updatedAt", Instant.now().toString());
    assistants.put(id, assistant);
    return this;
  }

  public synchronized JsonNode assistant(String id) {
    return assistants.get(id);
  }

  public synchronized List<JsonNode> tools() {
    return List.copyOf(tools.values());
  }

  public synchronized List<JsonNode> calls() {
    return List.copyOf(calls.values());
  }

  @Override
  protected SandboxResponse handle(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body) {
    if (!("Bearer " + apiKey).equals(headers.get("authorization"))) {
      return error(
          401,
          "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.",
          "Unauthorized");
    }
    if (method.equals("POST") && path.equals("/call")) {
      return createCall(body);
    }
    if (method.equals("GET") && path.equals("/call")) {
      return listCalls(query);
    }
    if (path.startsWith("/assistant/")) {
      return readOrPatch(
          assistants.get(path.substring("/assistant/".length())), "Assistant", method, body);
    }
    if (path.equals("/tool") && method.equals("GET")) {
      return SandboxResponse.ok(List.copyOf(tools.values()));
    }
    if (path.equals("/tool") && method.equals("POST")) {
      JsonNode request = json.readTree(body);
      if (!request.path("type").isString()) {
        return error(
            400,
            List.of(
                "type must be one of the following values: apiRequest, dtmf, endCall, function, ..."),
            "Bad Request");
      }
      if (request.path("type").asString().equals("function")
          && !request.path("function").path("name").isString()) {
        return error(400, List.of("function.name must be a string"), "Bad Request");
      }
      ObjectNode tool = json.createObjectNode();
      tool.put(
          "id", new UUID(0x7001_0000_0000_4000L, 0x8000_0000_0000_0000L | ++sequence).toString());
      tool.put("orgId", ORG_ID);
      tool.put("createdAt", Instant.now().toString());
      merge(tool, request);
      tools.put(tool.get("id").asString(), tool);
      return SandboxResponse.status(201, tool);
    }
    if (path.startsWith("/tool/")) {
      return readOrPatch(tools.get(path.substring("/tool/".length())), "Tool", method, body);
    }
    if (method.equals("GET") && path.startsWith("/call/")) {
      ObjectNode call = calls.get(path.substring("/call/".length()));
      return call == null ? error(404, "Call not found", "Not Found") : SandboxResponse.ok(call);
    }
    return error(404, "Cannot " + method + " " + path, "Not Found");
  }

  private SandboxResponse readOrPatch(
      ObjectNode resource, String kind, String method, String body) {
    if (resource == null) {
      return error(404, "Couldn't Find " + kind, "Not Found");
    }
    return switch (method) {
      case "GET" -> SandboxResponse.ok(resource);
      case "PATCH" -> SandboxResponse.ok(merge(resource, json.readTree(body)));
      default -> error(404, "Cannot " + method + " " + kind, "Not Found");
    };
  }

  /** PATCH semantics: the fields sent replace the stored ones. */
  private ObjectNode merge(ObjectNode resource, JsonNode changes) {
    changes
        .properties()
        .forEach(field -> resource.set(field.getKey(), field.getValue().deepCopy()));
    resource.put("updatedAt", Instant.now().toString());
    return resource;
  }

  private SandboxResponse createCall(String body) {
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (RuntimeException e) {
      return error(400, "Unexpected token in JSON", "Bad Request");
    }
    List<String> problems = new ArrayList<>();
    if (!request.hasNonNull("assistantId") && !request.hasNonNull("assistant")) {
      problems.add("assistantId or assistant must be provided");
    }
    if (!request.hasNonNull("phoneNumberId")) {
      problems.add("phoneNumberId must be provided");
    }
    String number = request.path("customer").path("number").asString("");
    if (number.length() < 3 || number.length() > 40) {
      problems.add("customer.number must be longer than or equal to 3 characters");
    }
    if (undialable.contains(number)) {
      problems.add(
          "customer.number must be a valid phone number in the E.164 format (e.g. +14155550123).");
    }
    if (request.path("name").asString("").length() > 40) {
      problems.add("name must be shorter than or equal to 40 characters");
    }
    if (!problems.isEmpty()) {
      return error(400, problems, "Bad Request");
    }
    if (busySlotsFor > 0) {
      busySlotsFor--;
      return error(400, "Over Concurrency Limit", "Bad Request");
    }
    String now = Instant.now().toString();
    ObjectNode call = json.createObjectNode();
    call.put(
        "id", new UUID(0x5a4d_b0c5_0000_4000L, 0x8000_0000_0000_0000L | ++sequence).toString());
    call.put("orgId", ORG_ID);
    call.put("createdAt", now);
    call.put("updatedAt", now);
    call.put("type", "outboundPhoneCall");
    call.put("status", "queued");
    for (String field :
        List.of("name", "assistantId", "phoneNumberId", "customer", "assistantOverrides")) {
      if (request.has(field)) {
        call.set(field, request.get(field));
      }
    }
    calls.put(call.get("id").asString(), call);
    if (blockedCallsFor > 0) {
      blockedCallsFor--;
      call.put("status", "ended");
      call.put("endedReason", "call.start.error-subscription-concurrency-limit-reached");
      call.put("endedAt", now);
      ObjectNode answer = call.deepCopy();
      answer
          .putObject("subscriptionLimits")
          .put("concurrencyBlocked", true)
          .put("concurrencyLimit", 10)
          .put("remainingConcurrentCalls", 0);
      return SandboxResponse.status(201, answer);
    }
    return SandboxResponse.status(201, call);
  }

  /**
   * {@code GET /call} as the spec documents it: the id, assistant, number and timestamp filters,
   * newest first, at most {@code limit} calls (default 100, at most 1000).
   */
  private SandboxResponse listCalls(Map<String, String> query) {
    int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
    if (limit < 0 || limit > 1000) {
      return error(
          400,
          List.of(
              limit < 0 ? "limit must not be less than 0" : "limit must not be greater than 1000"),
          "Bad Request");
    }
    List<ObjectNode> matching =
        calls.values().stream()
            .filter(c -> matches(c, "id", query))
            .filter(c -> matches(c, "phoneNumberId", query))
            .filter(c -> matches(c, "assistantId", query))
            .filter(c -> inRange(c, "createdAt", query) && inRange(c, "updatedAt", query))
            // By instant, not by text: Instant.toString() leaves out zero fractions.
            .sorted(
                Comparator.comparing((ObjectNode c) -> Instant.parse(c.get("createdAt").asString()))
                    .reversed())
            .limit(limit)
            .toList();
    return SandboxResponse.ok(matching);
  }

  private static boolean matches(ObjectNode call, String field, Map<String, String> query) {
    return !query.containsKey(field) || query.get(field).equals(call.path(field).asString());
  }

  /** The spec's {@code Gt}, {@code Ge}, {@code Lt} and {@code Le} filters on one timestamp. */
  private static boolean inRange(ObjectNode call, String field, Map<String, String> query) {
    Instant at = Instant.parse(call.get(field).asString());
    return holds(query.get(field + "Gt"), bound -> at.isAfter(bound))
        && holds(query.get(field + "Ge"), bound -> !at.isBefore(bound))
        && holds(query.get(field + "Lt"), bound -> at.isBefore(bound))
        && holds(query.get(field + "Le"), bound -> !at.isAfter(bound));
  }

  private static boolean holds(String bound, Predicate<Instant> test) {
    return bound == null || test.test(Instant.parse(bound));
  }

  /**
   * A call placed now by someone other than the engine under test (another journey, a person in
   * Vapi's dashboard), so tests can fill the call list.
   */
  public synchronized JsonNode addOutboundCall(
      String assistantId, String phoneNumberId, String customerNumber) {
    ObjectNode request = json.createObjectNode();
    request.put("assistantId", assistantId);
    request.put("phoneNumberId", phoneNumberId);
    request.putObject("customer").put("number", customerNumber);
    SandboxResponse created = createCall(request.toString());
    if (created.status() != 201) {
      throw new IllegalArgumentException("Vapi would refuse this call: " + created.body());
    }
    return (JsonNode) created.body();
  }

  /**
   * Ends a call the engine placed, the way Vapi would, and returns the {@code end-of-call-report}
   * server message for it.
   */
  public synchronized ObjectNode endCall(
      String callId, String endedReason, String summary, String transcript) {
    ObjectNode call = calls.get(callId);
    if (call == null) {
      throw new IllegalArgumentException("no call " + callId);
    }
    Instant endedAt = Instant.now();
    call.put("status", "ended");
    call.put("endedReason", endedReason);
    call.put("startedAt", endedAt.minusSeconds(42).toString());
    call.put("endedAt", endedAt.toString());
    call.put("updatedAt", endedAt.toString());
    call.put("cost", 0.07);
    ObjectNode artifact = call.putObject("artifact");
    if (transcript != null) {
      artifact.put("transcript", transcript);
    }
    ObjectNode analysis = call.putObject("analysis");
    if (summary != null) {
      analysis.put("summary", summary);
    }
    return endOfCallReport(call);
  }

  /**
   * An inbound call that rang, talked and ended at {@code endedAt}, as if its end-of-call report
   * had been lost on the way: it exists only in the call list.
   */
  public synchronized ObjectNode addEndedInboundCall(
      String customerNumber,
      String customerName,
      String endedReason,
      String summary,
      String transcript,
      Instant endedAt) {
    ObjectNode call = json.createObjectNode();
    call.put(
        "id", new UUID(0x1b0d_0000_0000_4000L, 0x8000_0000_0000_0000L | ++sequence).toString());
    call.put("orgId", ORG_ID);
    call.put("createdAt", endedAt.minusSeconds(180).toString());
    call.put("updatedAt", endedAt.plusSeconds(5).toString());
    call.put("type", "inboundPhoneCall");
    call.put("status", "ended");
    call.put("endedReason", endedReason);
    call.put("startedAt", endedAt.minusSeconds(170).toString());
    call.put("endedAt", endedAt.toString());
    call.put("cost", 0.12);
    ObjectNode customer = call.putObject("customer");
    customer.put("number", customerNumber);
    customer.put("name", customerName);
    call.putObject("artifact").put("transcript", transcript);
    call.putObject("analysis").put("summary", summary);
    calls.put(call.get("id").asString(), call);
    return call;
  }

  /** The server message Vapi sends for an ended call. */
  public ObjectNode endOfCallReport(JsonNode call) {
    ObjectNode envelope = json.createObjectNode();
    ObjectNode message = envelope.putObject("message");
    message.put("timestamp", Instant.now().toEpochMilli());
    message.put("type", "end-of-call-report");
    message.put("endedReason", call.path("endedReason").asString());
    message.set("artifact", call.path("artifact").deepCopy());
    message.set("analysis", call.path("analysis").deepCopy());
    message.put("startedAt", call.path("startedAt").asString());
    message.put("endedAt", call.path("endedAt").asString());
    message.put("cost", call.path("cost").asDouble());
    message.set("customer", call.path("customer").deepCopy());
    message.set("call", call.deepCopy());
    return envelope;
  }

  /** Posts a server message to the engine as Vapi would, with the legacy secret header. */
  public static int deliver(URI serverUrl, String secret, JsonNode serverMessage) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(serverUrl)
                      .header("Content-Type", "application/json")
                      .header("X-Vapi-Secret", secret)
                      .POST(HttpRequest.BodyPublishers.ofString(serverMessage.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SandboxResponse error(int status, Object message, String error) {
    return SandboxResponse.status(
        status, Map.of("message", message, "error", error, "statusCode", status));
  }
}
