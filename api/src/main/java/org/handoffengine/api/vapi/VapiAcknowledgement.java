package org.handoffengine.api.vapi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the engine answers to a server message Vapi expects no content for: whether it was taken
 * ({@code accepted}: the journey holds the report; {@code recorded}: the journey has the event) or
 * acknowledged and {@code ignored}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VapiAcknowledgement(String status, String type, String journeyId, String callId) {

  static VapiAcknowledgement accepted(String journeyId, String callId) {
    return new VapiAcknowledgement("accepted", null, journeyId, callId);
  }

  static VapiAcknowledgement recorded(String type) {
    return new VapiAcknowledgement("recorded", type, null, null);
  }

  static VapiAcknowledgement ignored(String type) {
    return new VapiAcknowledgement("ignored", type, null, null);
  }
}
