package org.handoffengine.api.vapi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handoffengine.platforms.JsonPaths;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiCallReports.InvalidCallReport;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.JourneyLogContext;
import org.handoffengine.api.web.WebhookMeter;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.workflows.journey.CallEvent;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Vapi's server URL. An end-of-call report starts or joins the caller's journey and is answered
 * only once Temporal holds it; the messages a waiting caller depends on (assistant-request,
 * transfer-destination-request, tool-calls) are answered from the journey; status updates and
 * stalls are recorded on it; everything else is acknowledged.
 */
@RestController
public class VapiWebhookController {

  private static final Logger log = LoggerFactory.getLogger(VapiWebhookController.class);

  private final VapiWebhookAuthenticator authenticator;
  private final JourneyClient journeys;
  private final InboundCallAnswers inboundCalls;
  private final VapiTools tools;
  private final ObjectMapper json;
  private final String defaultRegion;
  private final WebhookMeter meter;

  /** The server-message types Vapi documents (research/vapi.md §2.1), for metric tags. */
  static final Set<String> KNOWN_TYPES =
      Set.of(
          "assistant-request", "conversation-update", "end-of-call-report", "handoff-destination-request", "hang",
          "knowledge-base-request", "model-output", "phone-call-control", "speech-update", "status-update", "tool-calls",
          "transfer-destination-request", "transfer-update", "transcript", "transcript[transcriptType=\"final\"]",
          "user-interrupted", "language-change-detected", "voice-input");

  VapiWebhookController(
      VapiWebhookAuthenticator authenticator,
      JourneyClient journeys,
      InboundCallAnswers inboundCalls,
      VapiTools tools,
      ObjectMapper json,
      JourneyProperties properties,
      WebhookMeter meter) {
    this.authenticator = authenticator;
    this.journeys = journeys;
    this.inboundCalls = inboundCalls;
    this.tools = tools;
    this.json = json;
    this.defaultRegion = properties.journey().defaultRegion();
    this.meter = meter;
  }

  @PostMapping(path = "/webhooks/vapi", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> receive(@RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
    // Authenticate before parsing: an unauthenticated body is never looked at.
    authenticator.authenticate(headers, body == null ? new byte[0] : body);
    JsonNode message = messageOf(body);
    String type = message.path("type").isString() ? message.path("type").stringValue() : null;
    if (type == null || type.isBlank()) {
      throw ApiProblem.badRequest("message.type is missing");
    }
    // The report is read once into a CallReport and routed from it; other messages are routed
    // from what they say about the call.
    Optional<CallerJourney> caller =
        "end-of-call-report".equals(type) ? Optional.empty() : journeys.callerOf(callOf(message));
    caller.ifPresent(c -> JourneyLogContext.about(c.loggableId(), c.callId()));
    Map<String, Object> answer = switch (type) {
      case "end-of-call-report" -> callEnded(message);
      case "assistant-request" -> inboundCalls.assistantFor(caller);
      case "transfer-destination-request" -> inboundCalls.transferFor(caller);
      case "tool-calls" -> tools.answer(message, caller);
      case "status-update", "hang" -> callProgress(type, message, caller);
      // conversation-update, transcript, speech-update, user-interrupted, phone-call-control,
      // knowledge-base-request and types Vapi adds later: acknowledged, nothing to record.
      default -> Map.of("status", "ignored", "type", type);
    };
    meter.received("vapi", type, KNOWN_TYPES, String.valueOf(answer.getOrDefault("status", "answered")));
    return answer;
  }

  /** A status update or a stall is recorded on the caller's journey; it never starts one. */
  private Map<String, Object> callProgress(String type, JsonNode message, Optional<CallerJourney> caller) {
    if (caller.isEmpty() || caller.get().callId() == null) {
      return Map.of("status", "ignored", "type", type);
    }
    CallEvent event =
        new CallEvent(
            caller.get().callId(),
            type,
            "hang".equals(type) ? null : JsonPaths.text(message, "status"),
            JsonPaths.text(message, "endedReason"),
            Instant.now());
    boolean recorded = journeys.callEvent(caller.get().journeyId(), event);
    return Map.of("status", recorded ? "recorded" : "ignored", "type", type);
  }

  private Map<String, Object> callEnded(JsonNode message) {
    CallReport report;
    try {
      report = VapiCallReports.fromEndOfCallReport(message, defaultRegion);
    } catch (InvalidCallReport e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    CallerJourney caller;
    try {
      caller = journeys.callerOf(report, VapiCallReports.journeyIdOf(message.path("call")));
    } catch (JourneyClient.UnroutedCall unrouted) {
      log.warn("{}; nothing started", unrouted.getMessage());
      throw ApiProblem.unprocessable(unrouted.getMessage());
    }
    JourneyLogContext.about(caller.loggableId(), caller.callId());
    String journeyId = journeys.callEnded(caller, report);
    log.info("Call {} ({}) recorded on journey {}", report.callId(), report.endedReason(), caller.loggableId());
    return Map.of("status", "accepted", "journeyId", journeyId, "callId", report.callId());
  }

  /** What a live-call message says about its call; the caller's number is normalised here, once. */
  private JourneyClient.Call callOf(JsonNode message) {
    JsonNode call = message.path("call");
    String raw = JsonPaths.firstText(message, new String[] {"customer", "number"}, new String[] {"call", "customer", "number"});
    return new JourneyClient.Call(
        JsonPaths.firstText(call, new String[] {"id"}),
        raw == null ? null : CustomerPhone.normalise(raw, defaultRegion).orElse(null),
        VapiCallReports.journeyIdOf(call),
        JsonPaths.firstText(call, new String[] {"phoneNumberId"}),
        JsonPaths.firstText(call, new String[] {"assistantId"}));
  }

  private JsonNode messageOf(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiProblem.badRequest("request body is empty; Vapi sends {\"message\": {...}}");
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw ApiProblem.badRequest("request body is not valid JSON");
    }
    JsonNode message = root == null ? null : root.path("message");
    if (message == null || !message.isObject()) {
      throw ApiProblem.badRequest("body has no message object; Vapi sends {\"message\": {...}}");
    }
    return message;
  }
}
