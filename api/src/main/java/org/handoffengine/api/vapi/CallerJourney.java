package org.handoffengine.api.vapi;

import static org.handoffengine.activities.http.JsonPaths.firstText;

import java.util.Optional;
import org.handoffengine.activities.vapi.VapiCallReports;
import org.handoffengine.worker.JourneyRoutes;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.handoffengine.workflows.journey.JourneyIds;
import tools.jackson.databind.JsonNode;

/**
 * Which journey a live-call message belongs to: the journey the engine named in the call's
 * metadata (a follow-up it placed), else the caller's number on the route of the Vapi number or
 * assistant the call uses.
 *
 * @param phone the caller in E.164, or null when the call carries no usable number
 */
record CallerJourney(String journeyId, String phone, String callId) {

  static Optional<CallerJourney> of(JsonNode message, String defaultRegion, JourneyRoutes routes) {
    JsonNode call = message.path("call");
    String callId = firstText(call, new String[] {"id"});
    String raw = firstText(message, new String[] {"customer", "number"}, new String[] {"call", "customer", "number"});
    String phone = raw == null ? null : CustomerPhone.normalise(raw, defaultRegion).orElse(null);
    String named = VapiCallReports.journeyIdOf(call);
    if (JourneyIds.isJourneyId(named)) {
      return Optional.of(new CallerJourney(named, phone, callId));
    }
    if (phone == null) {
      return Optional.empty();
    }
    String phoneNumberId = firstText(call, new String[] {"phoneNumberId"});
    String assistantId = firstText(call, new String[] {"assistantId"});
    return routes.forCall(phoneNumberId, assistantId)
        .map(route -> new CallerJourney(JourneyIds.forCustomer(route.route(), phone), phone, callId));
  }
}
