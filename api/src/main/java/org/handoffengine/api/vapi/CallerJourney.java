package org.handoffengine.api.vapi;

import static org.handoffengine.activities.http.JsonPaths.firstText;

import java.util.Optional;
import org.handoffengine.activities.vapi.VapiCallReports;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.handoffengine.workflows.journey.JourneyIds;
import tools.jackson.databind.JsonNode;

/**
 * Which journey a live-call message belongs to: the journey the engine named in the call's
 * metadata (a follow-up it placed), else the caller's number.
 *
 * @param phone the caller in E.164, or null when the call carries no usable number
 */
record CallerJourney(String journeyId, String phone, String callId) {

  static Optional<CallerJourney> of(JsonNode message, String defaultRegion) {
    JsonNode call = message.path("call");
    String callId = firstText(call, new String[] {"id"});
    String raw = firstText(message, new String[] {"customer", "number"}, new String[] {"call", "customer", "number"});
    String phone = raw == null ? null : CustomerPhone.normalise(raw, defaultRegion).orElse(null);
    String named = VapiCallReports.journeyIdOf(call);
    if (JourneyIds.isJourneyId(named)) {
      return Optional.of(new CallerJourney(named, phone, callId));
    }
    return phone == null ? Optional.empty() : Optional.of(new CallerJourney(JourneyIds.forCustomer(phone), phone, callId));
  }
}
