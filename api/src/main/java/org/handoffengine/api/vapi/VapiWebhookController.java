package org.handoffengine.api.vapi;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.JourneyLogContext;
import org.handoffengine.api.web.WebhookAuthenticationFilter;
import org.handoffengine.api.web.WebhookMeter;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.platforms.vapi.VapiCall;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiCallReports.InvalidCallReport;
import org.handoffengine.platforms.vapi.VapiServerMessage;
import org.handoffengine.platforms.vapi.VapiServerMessage.AssistantRequest;
import org.handoffengine.platforms.vapi.VapiServerMessage.EndOfCallReport;
import org.handoffengine.platforms.vapi.VapiServerMessage.Hang;
import org.handoffengine.platforms.vapi.VapiServerMessage.StatusUpdate;
import org.handoffengine.platforms.vapi.VapiServerMessage.ToolCalls;
import org.handoffengine.platforms.vapi.VapiServerMessage.TransferDestinationRequest;
import org.handoffengine.platforms.vapi.VapiWebhook;
import org.handoffengine.workflows.journey.CallEvent;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vapi's server URL. An end-of-call report starts or joins the caller's journey and is answered
 * only once Temporal holds it; the messages a waiting caller depends on (assistant-request,
 * transfer-destination-request, tool-calls) are answered from the journey; status updates and
 * stalls are recorded on it; everything else is acknowledged.
 */
@RestController
public class VapiWebhookController {

  private static final Logger log = LoggerFactory.getLogger(VapiWebhookController.class);

  private final JourneyClient journeys;
  private final InboundCallAnswers inboundCalls;
  private final VapiTools tools;
  private final String defaultRegion;
  private final WebhookMeter meter;

  /** The server-message types Vapi documents (research/vapi.md §2.1), for metric tags. */
  static final Set<String> KNOWN_TYPES =
      Set.of(
          "assistant-request",
          "conversation-update",
          "end-of-call-report",
          "handoff-destination-request",
          "hang",
          "knowledge-base-request",
          "model-output",
          "phone-call-control",
          "speech-update",
          "status-update",
          "tool-calls",
          "transfer-destination-request",
          "transfer-update",
          "transcript",
          "transcript[transcriptType=\"final\"]",
          "user-interrupted",
          "language-change-detected",
          "voice-input");

  VapiWebhookController(
      JourneyClient journeys,
      InboundCallAnswers inboundCalls,
      VapiTools tools,
      JourneyProperties properties,
      WebhookMeter meter) {
    this.journeys = journeys;
    this.inboundCalls = inboundCalls;
    this.tools = tools;
    this.defaultRegion = properties.journey().defaultRegion();
    this.meter = meter;
  }

  /**
   * {@link VapiWebhookFilter} has authenticated the raw bytes before they are bound here: an
   * unauthenticated body is never looked at.
   */
  @PostMapping(path = VapiWebhookFilter.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public Object receive(
      @RequestAttribute(WebhookAuthenticationFilter.AUTHENTICATED) Object authenticated,
      @RequestBody(required = false) VapiWebhook body) {
    if (body == null) {
      throw ApiProblem.badRequest("request body is empty; Vapi sends {\"message\": {...}}");
    }
    VapiServerMessage message = body.message();
    if (message == null) {
      throw ApiProblem.badRequest("body has no message object; Vapi sends {\"message\": {...}}");
    }
    String type = message.type();
    if (type == null || type.isBlank()) {
      throw ApiProblem.badRequest("message.type is missing");
    }
    // The report is read once into a CallReport and routed from it; other messages are routed
    // from what they say about the call.
    Optional<CallerJourney> caller =
        message instanceof EndOfCallReport ? Optional.empty() : journeys.callerOf(callOf(message));
    caller.ifPresent(c -> JourneyLogContext.about(c.loggableId(), c.callId()));
    Object answer = answer(message, type, caller);
    meter.received(
        "vapi",
        type,
        KNOWN_TYPES,
        answer instanceof VapiAcknowledgement ack ? ack.status() : "answered");
    return answer;
  }

  private Object answer(VapiServerMessage message, String type, Optional<CallerJourney> caller) {
    if (message instanceof EndOfCallReport report) {
      return callEnded(report);
    }
    if (message instanceof AssistantRequest) {
      return inboundCalls.assistantFor(caller);
    }
    if (message instanceof TransferDestinationRequest) {
      return inboundCalls.transferFor(caller);
    }
    if (message instanceof ToolCalls calls) {
      return tools.answer(calls, caller);
    }
    if (message instanceof StatusUpdate update) {
      return callProgress(type, update.status(), update.endedReason(), caller);
    }
    if (message instanceof Hang) {
      return callProgress(type, null, null, caller);
    }
    // conversation-update, transcript, speech-update, user-interrupted, phone-call-control,
    // knowledge-base-request and types Vapi adds later: acknowledged, nothing to record.
    return VapiAcknowledgement.ignored(type);
  }

  /** A status update or a stall is recorded on the caller's journey; it never starts one. */
  private VapiAcknowledgement callProgress(
      String type, String status, String endedReason, Optional<CallerJourney> caller) {
    if (caller.isEmpty() || caller.get().callId() == null) {
      return VapiAcknowledgement.ignored(type);
    }
    CallEvent event =
        new CallEvent(
            caller.get().callId(), type, present(status), present(endedReason), Instant.now());
    boolean recorded = journeys.callEvent(caller.get().journeyId(), event);
    return recorded ? VapiAcknowledgement.recorded(type) : VapiAcknowledgement.ignored(type);
  }

  private VapiAcknowledgement callEnded(EndOfCallReport message) {
    CallReport report;
    try {
      report = VapiCallReports.fromEndOfCallReport(message, defaultRegion);
    } catch (InvalidCallReport e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    CallerJourney caller;
    try {
      caller = journeys.callerOf(report, message.call().journeyId());
    } catch (JourneyClient.UnroutedCall unrouted) {
      log.warn("{}; nothing started", unrouted.getMessage());
      throw ApiProblem.unprocessable(unrouted.getMessage());
    }
    JourneyLogContext.about(caller.loggableId(), caller.callId());
    String journeyId = journeys.callEnded(caller, report);
    log.info(
        "Call {} ({}) recorded on journey {}",
        report.callId(),
        report.endedReason(),
        caller.loggableId());
    return VapiAcknowledgement.accepted(journeyId, report.callId());
  }

  /** What a live-call message says about its call; the caller's number is normalised here, once. */
  private JourneyClient.Call callOf(VapiServerMessage message) {
    VapiCall call = message.call();
    String raw = message.customerNumber();
    return new JourneyClient.Call(
        message.callId(),
        raw == null ? null : CustomerPhone.normalise(raw, defaultRegion).orElse(null),
        call == null ? null : call.journeyId(),
        call == null ? null : present(call.phoneNumberId()),
        call == null ? null : present(call.assistantId()));
  }

  private static String present(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
