package org.handoffengine.platforms.vapi;

import static org.handoffengine.platforms.JsonPaths.decimal;
import static org.handoffengine.platforms.JsonPaths.firstText;
import static org.handoffengine.platforms.JsonPaths.flag;
import static org.handoffengine.platforms.JsonPaths.instant;
import static org.handoffengine.platforms.JsonPaths.text;

import java.time.Instant;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CustomerPhone;
import tools.jackson.databind.JsonNode;

/**
 * Reads Vapi's end-of-call data, from an {@code end-of-call-report} server message or from a
 * {@code Call} object, into a {@link CallReport}. Current fields first ({@code artifact},
 * {@code analysis}), then the top-level fields older payloads carried.
 */
public final class VapiCallReports {

  /** Field of {@code analysis.structuredData} the assistant sets when the caller asks not to be called. */
  public static final String DO_NOT_CALL_FIELD = "doNotCall";

  private VapiCallReports() {}

  /**
   * @param message the {@code message} object of the server message
   * @throws InvalidCallReport naming the field when the report cannot start a journey
   */
  public static CallReport fromEndOfCallReport(JsonNode message, String defaultRegion) {
    JsonNode call = message.path("call");
    if (call.isMissingNode() || call.isNull() || !call.isObject()) {
      throw new InvalidCallReport("message.call is missing; an end-of-call report must carry the call");
    }
    String callId = text(call, "id");
    if (callId == null) {
      throw new InvalidCallReport("message.call.id is missing");
    }
    return build(message, call, callId, defaultRegion);
  }

  /** From {@code GET /call/{id}}; the call object holds the same artifact and analysis. */
  public static CallReport fromCall(JsonNode call, String defaultRegion) {
    return build(call, call, text(call, "id"), defaultRegion);
  }

  private static CallReport build(JsonNode message, JsonNode call, String callId, String defaultRegion) {
    String rawNumber =
        firstText(message, new String[] {"customer", "number"}, new String[] {"call", "customer", "number"});
    if (rawNumber == null) {
      rawNumber = text(call, "customer", "number");
    }
    String customerNumber = null;
    if (rawNumber != null) {
      customerNumber =
          CustomerPhone.normalise(rawNumber, defaultRegion)
              .orElseThrow(
                  () ->
                      new InvalidCallReport(
                          "customer.number is not a phone number Chatwoot accepts (E.164 expected)"));
    }
    String customerName = firstText(message, new String[] {"customer", "name"});
    if (customerName == null) {
      customerName = text(call, "customer", "name");
    }
    Instant startedAt = firstInstant(message, call, "startedAt");
    Instant endedAt = firstInstant(message, call, "endedAt");
    Double cost = decimal(message, "cost");
    if (cost == null) {
      cost = decimal(call, "cost");
    }
    return new CallReport(
        callId,
        direction(text(call, "type")),
        customerNumber,
        customerName,
        firstText(message, new String[] {"endedReason"}, new String[] {"call", "endedReason"}),
        firstText(message, new String[] {"analysis", "summary"}, new String[] {"summary"}),
        firstText(message, new String[] {"artifact", "transcript"}, new String[] {"transcript"}),
        startedAt,
        endedAt,
        cost,
        firstText(
            message,
            new String[] {"artifact", "recording", "mono", "combinedUrl"},
            new String[] {"artifact", "recordingUrl"},
            new String[] {"recordingUrl"}),
        text(call, "phoneNumberId"),
        text(call, "assistantId"),
        flag(message, "analysis", "structuredData", DO_NOT_CALL_FIELD));
  }

  /** The journey id the engine wrote into a follow-up call's metadata, or null for other calls. */
  public static String journeyIdOf(JsonNode call) {
    return text(call, "assistantOverrides", "metadata", "handoffJourneyId");
  }

  private static Instant firstInstant(JsonNode message, JsonNode call, String field) {
    Instant value = instant(message, field);
    return value != null ? value : instant(call, field);
  }

  static String direction(String callType) {
    if (callType == null) {
      return "unknown";
    }
    return switch (callType) {
      case "inboundPhoneCall" -> "inbound";
      case "outboundPhoneCall" -> "outbound";
      case "webCall", "vapi.websocketCall" -> "web";
      default -> callType;
    };
  }

  /** A report that cannot start a journey; the message names the field. */
  public static final class InvalidCallReport extends RuntimeException {
    public InvalidCallReport(String message) {
      super(message);
    }
  }
}
