package org.handoffengine.api.vapi;

import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.platforms.vapi.ToolArguments;
import org.handoffengine.platforms.vapi.ToolCall;
import org.handoffengine.platforms.vapi.ToolCallsAnswer;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.handoffengine.platforms.vapi.VapiServerMessage.ToolCalls;
import org.handoffengine.workflows.journey.CallbackRequest;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The tools the assistant can call mid-call. Every tool call gets a result or an error in Vapi's
 * {@code results[]} shape, always with HTTP 200: Vapi ignores the body of any other status.
 */
@Component
class VapiTools {

  private static final Logger log = LoggerFactory.getLogger(VapiTools.class);
  private static final DateTimeFormatter SPOKEN =
      DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);

  private final JourneyClient journeys;
  private final VapiProperties.Tools names;
  private final String defaultZone;

  VapiTools(JourneyClient journeys, VapiProperties vapi, JourneyProperties properties) {
    this.journeys = journeys;
    this.names = vapi.tools();
    this.defaultZone = properties.followUp().zone();
  }

  ToolCallsAnswer answer(ToolCalls message, Optional<CallerJourney> caller) {
    List<ToolCallsAnswer.Result> results = new ArrayList<>();
    for (ToolCall call : message.toolCallList()) {
      String toolCallId = call.id() == null || call.id().isBlank() ? null : call.id();
      String id = toolCallId == null ? "" : toolCallId;
      String name = call.toolName();
      String named = name == null ? "" : name;
      try {
        results.add(
            ToolCallsAnswer.Result.of(named, id, run(name, toolCallId, arguments(call), caller)));
      } catch (ToolRefused refused) {
        results.add(ToolCallsAnswer.Result.refused(named, id, refused.getMessage()));
      } catch (WorkflowServiceException unavailable) {
        log.warn("Tool {} could not reach the journey store: {}", name, unavailable.toString());
        results.add(
            ToolCallsAnswer.Result.refused(
                named,
                id,
                "The request could not be recorded right now; please try again in a moment."));
      }
    }
    return new ToolCallsAnswer(results);
  }

  private String run(
      String name, String toolCallId, ToolArguments args, Optional<CallerJourney> caller) {
    if (toolCallId == null && !names.lookup().equals(name)) {
      // Its id is what makes a redelivered call the same request: without one, every such call
      // would share a key and all but the first would be dropped as duplicates.
      throw new ToolRefused("This request has no tool call id, so it cannot be recorded.");
    }
    if (names.escalate().equals(name)) {
      // A caller without a number has a journey too (keyed by the call): its conversation is handed
      // over.
      CallerJourney journey =
          caller.orElseThrow(
              () -> new ToolRefused("The caller is unknown, so no one can be assigned."));
      String reason =
          args.reason() != null ? args.reason() : "the caller asked for a person during the call";
      EscalationAnswer answer;
      try {
        answer =
            journeys.escalateNow(
                journey, new EscalationRequest("vapi-tool:" + toolCallId, "vapi", reason));
      } catch (WorkflowUpdateException refused) {
        throw new ToolRefused("This conversation cannot be handed to a person right now.");
      }
      return switch (answer.outcome()) {
        case ESCALATED ->
            "Escalated to a human agent. Someone from the team will take over the conversation.";
        case ALREADY_ESCALATED ->
            "A human agent already has this conversation and will take it from here.";
        case QUEUED ->
            "The request for a human agent is recorded. Someone from the team will take over as soon as this call is written up.";
      };
    }
    if (names.lookup().equals(name)) {
      return caller
          .flatMap(
              c -> journeys.stateWithin(c.journeyId(), InboundCallAnswers.JOURNEY_READ_DEADLINE))
          .map(VapiTools::describe)
          .orElse("There is no earlier conversation with this caller.");
    }
    if (names.scheduleCallback().equals(name)) {
      // Nothing can call back a caller without a number.
      CallerJourney journey =
          caller
              .filter(c -> c.phone() != null)
              .orElseThrow(
                  () ->
                      new ToolRefused(
                          "The caller's number is unknown, so no callback can be scheduled."));
      ZoneId zone = zone(args.timeZone());
      Instant at = callbackTime(args.time(), zone);
      journeys.scheduleCallback(journey, new CallbackRequest("vapi-tool:" + toolCallId, at));
      return "Callback scheduled for "
          + SPOKEN.format(at.atZone(zone))
          + " ("
          + zone.getId()
          + ").";
    }
    throw new ToolRefused("Unknown tool: " + name);
  }

  private static String describe(JourneyView state) {
    StringBuilder answer = new StringBuilder();
    answer
        .append("Customer: ")
        .append(state.customerName() == null ? "name unknown" : state.customerName())
        .append('.');
    if (state.conversationId() != null) {
      answer
          .append(" Open conversation ")
          .append(state.conversationId())
          .append(" (")
          .append(state.stage().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(").");
    }
    if (state.lastSummary() != null) {
      answer.append(" Last call: ").append(state.lastSummary().replaceAll("\\s+", " "));
    }
    return answer.toString();
  }

  /**
   * Vapi's spec sends arguments as a JSON string, live traffic as an object: both bind; bad JSON is
   * refused.
   */
  private static ToolArguments arguments(ToolCall call) {
    ToolArguments args = call.toolArguments();
    if (!args.readable()) {
      throw new ToolRefused("The tool arguments are not valid JSON.");
    }
    return args;
  }

  private ZoneId zone(String name) {
    try {
      return ZoneId.of(name == null || name.isBlank() ? defaultZone : name);
    } catch (RuntimeException e) {
      throw new ToolRefused("Unknown time zone: " + name);
    }
  }

  private static Instant callbackTime(String time, ZoneId zone) {
    if (time == null) {
      throw new ToolRefused("A callback needs a time.");
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = LocalDateTime.parse(time).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new ToolRefused(
            "The callback time is not a date and time (expected e.g. 2026-11-26T10:00).");
      }
    }
    if (at.isBefore(Instant.now())) {
      throw new ToolRefused("That time has already passed.");
    }
    return at;
  }

  /** A tool call the engine answers with an error for the assistant to say, not an HTTP error. */
  static final class ToolRefused extends RuntimeException {
    ToolRefused(String message) {
      super(message);
    }
  }
}
