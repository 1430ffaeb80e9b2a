package org.handoffengine.api.vapi;

import static org.handoffengine.platforms.JsonPaths.firstText;

import java.util.Optional;
import java.util.function.Supplier;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.handoffengine.workflows.journey.JourneyIds;
import tools.jackson.databind.JsonNode;

/**
 * Which journey a live-call message belongs to: the journey the engine named in the call's
 * metadata (a follow-up it placed), else the caller's journey on the route of the Vapi number or
 * assistant the call uses. That one is found when first asked for ({@link #journeyId}): it may take
 * a look in Temporal for a journey started before ids were hashed, which most messages (speech,
 * transcript) never need.
 */
final class CallerJourney {

  private final Supplier<String> resolve;
  private final String loggableId;
  private final String phone;
  private final String callId;
  private String journeyId;

  /** A caller whose journey is known. */
  CallerJourney(String journeyId, String phone, String callId) {
    this(() -> journeyId, journeyId, phone, callId);
  }

  private CallerJourney(Supplier<String> resolve, String loggableId, String phone, String callId) {
    this.resolve = resolve;
    this.loggableId = loggableId;
    this.phone = phone;
    this.callId = callId;
  }

  static Optional<CallerJourney> of(JsonNode message, String defaultRegion, JourneyRoutes routes, CustomerJourneys customers) {
    JsonNode call = message.path("call");
    String callId = firstText(call, new String[] {"id"});
    String raw = firstText(message, new String[] {"customer", "number"}, new String[] {"call", "customer", "number"});
    String phone = raw == null ? null : CustomerPhone.normalise(raw, defaultRegion).orElse(null);
    String named = VapiCallReports.journeyIdOf(call);
    if (JourneyIds.isJourneyId(named)) {
      return Optional.of(new CallerJourney(() -> named, customers.loggable(named), phone, callId));
    }
    if (phone == null) {
      return Optional.empty();
    }
    String phoneNumberId = firstText(call, new String[] {"phoneNumberId"});
    String assistantId = firstText(call, new String[] {"assistantId"});
    return routes.forCall(phoneNumberId, assistantId)
        .map(route -> new CallerJourney(
            () -> customers.journeyOf(route.route(), phone), customers.newId(route.route(), phone), phone, callId));
  }

  /** The caller's journey id (looked up once). */
  String journeyId() {
    if (journeyId == null) {
      journeyId = resolve.get();
    }
    return journeyId;
  }

  /** The journey as log lines name it: never the number, and no Temporal round trip. */
  String loggableId() {
    return loggableId;
  }

  /** The caller in E.164, or null when the call carries no usable number. */
  String phone() {
    return phone;
  }

  String callId() {
    return callId;
  }
}
