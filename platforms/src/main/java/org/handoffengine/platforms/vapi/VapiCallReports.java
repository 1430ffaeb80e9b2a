package org.handoffengine.platforms.vapi;

import static org.handoffengine.platforms.vapi.VapiText.first;

import java.time.Instant;
import org.handoffengine.platforms.vapi.VapiServerMessage.EndOfCallReport;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CustomerPhone;

/**
 * The one mapper from Vapi's end-of-call data to a {@link CallReport}: from an {@code
 * end-of-call-report} server message (the webhook) or from a {@link VapiCall} ({@code GET /call},
 * for a follow-up's outcome and the reconciler). Current fields first ({@code artifact}, {@code
 * analysis}), then the top-level fields older payloads carried.
 */
public final class VapiCallReports {

  private VapiCallReports() {}

  /**
   * @throws InvalidCallReport naming the field when the report cannot start a journey
   */
  public static CallReport fromEndOfCallReport(EndOfCallReport message, String defaultRegion) {
    VapiCall call = message.call();
    if (call == null) {
      throw new InvalidCallReport(
          "message.call is missing; an end-of-call report must carry the call");
    }
    String callId = first(call.id());
    if (callId == null) {
      throw new InvalidCallReport("message.call.id is missing");
    }
    return new Fields(
            callId,
            call,
            message.customerNumber(),
            first(message.customer() == null ? null : message.customer().name(), nameOf(call)),
            first(message.endedReason(), call.endedReason()),
            message.startedAt() != null ? message.startedAt() : call.startedAt(),
            message.endedAt() != null ? message.endedAt() : call.endedAt(),
            message.cost() != null ? message.cost() : call.cost(),
            message.analysis(),
            message.artifact(),
            message.summary(),
            message.transcript(),
            message.recordingUrl())
        .report(defaultRegion);
  }

  /**
   * From {@code GET /call/{id}} or the call list; the call holds the same artifact and analysis.
   */
  public static CallReport fromCall(VapiCall call, String defaultRegion) {
    return new Fields(
            first(call.id()),
            call,
            call.customer() == null ? null : call.customer().number(),
            nameOf(call),
            call.endedReason(),
            call.startedAt(),
            call.endedAt(),
            call.cost(),
            call.analysis(),
            call.artifact(),
            call.summary(),
            call.transcript(),
            call.recordingUrl())
        .report(defaultRegion);
  }

  private static String nameOf(VapiCall call) {
    return call.customer() == null ? null : call.customer().name();
  }

  /** What one payload says, wherever it says it; {@code legacy*} are the top-level fields. */
  private record Fields(
      String callId,
      VapiCall call,
      String rawNumber,
      String customerName,
      String endedReason,
      Instant startedAt,
      Instant endedAt,
      Double cost,
      VapiAnalysis analysis,
      VapiArtifact artifact,
      String legacySummary,
      String legacyTranscript,
      String legacyRecordingUrl) {

    CallReport report(String defaultRegion) {
      String number = first(rawNumber);
      String customerNumber = null;
      if (number != null) {
        customerNumber =
            CustomerPhone.normalise(number, defaultRegion)
                .orElseThrow(
                    () ->
                        new InvalidCallReport(
                            "customer.number is not a phone number Chatwoot accepts (E.164 expected)"));
      }
      return new CallReport(
          callId,
          direction(first(call.type())),
          customerNumber,
          first(customerName),
          first(endedReason),
          first(analysis == null ? null : analysis.summary(), legacySummary),
          first(artifact == null ? null : artifact.transcript(), legacyTranscript),
          startedAt,
          endedAt,
          cost,
          first(artifact == null ? null : artifact.combinedRecordingUrl(), legacyRecordingUrl),
          first(call.phoneNumberId()),
          first(call.assistantId()),
          analysis != null && analysis.doNotCall());
    }
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
