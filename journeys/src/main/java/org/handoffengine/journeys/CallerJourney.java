package org.handoffengine.journeys;

import java.util.function.Supplier;

/**
 * Which journey a call belongs to, as {@link JourneyClient#callerOf} answered it once for the
 * message: the journey the engine named in the call's metadata (a follow-up it placed), else the
 * caller's journey on the route of the Vapi number or assistant the call used, keyed by the
 * caller's number, or by the call's id for a caller without a number. The id is found when first
 * asked for ({@link #journeyId}): it may take a look in Temporal for a journey started before ids
 * were hashed, which most messages (speech, transcript) never need.
 */
public final class CallerJourney {

  private final Supplier<String> resolve;
  private final String loggableId;
  private final String phone;
  private final String callId;
  private final JourneyRoutes.Routed route;
  private String journeyId;

  CallerJourney(
      Supplier<String> resolve,
      String loggableId,
      String phone,
      String callId,
      JourneyRoutes.Routed route) {
    this.resolve = resolve;
    this.loggableId = loggableId;
    this.phone = phone;
    this.callId = callId;
    this.route = route;
  }

  /** The caller's journey id (looked up once). */
  public String journeyId() {
    if (journeyId == null) {
      journeyId = resolve.get();
    }
    return journeyId;
  }

  /** The journey as log lines name it: never the number, and no Temporal round trip. */
  public String loggableId() {
    return loggableId;
  }

  /** The caller in E.164, or null when the call carries no usable number. */
  public String phone() {
    return phone;
  }

  /** The call's id, or null when the message names none. */
  public String callId() {
    return callId;
  }

  /** The route the journey is on, and the settings a new journey of it starts with. */
  public JourneyRoutes.Routed route() {
    return route;
  }
}
