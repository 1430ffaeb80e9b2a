package org.handoffengine.api.vapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.platforms.vapi.AssistantAnswer;
import org.handoffengine.platforms.vapi.TransferAnswer;
import org.handoffengine.platforms.vapi.TransferDestination;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.handoffengine.workflows.journey.CallEvent;
import org.handoffengine.workflows.journey.JourneyView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers the two questions Vapi asks while a caller waits: which assistant takes this call ({@code
 * assistant-request}, about 7.5 s to answer) and where to transfer it ({@code
 * transfer-destination-request}). Answers come from the journey Temporal holds, read by query; no
 * platform is called on this path.
 */
@Component
class InboundCallAnswers {

  private static final Logger log = LoggerFactory.getLogger(InboundCallAnswers.class);

  /** Well inside Vapi's 7.5 s: a slow read falls back to the default assistant. */
  static final Duration JOURNEY_READ_DEADLINE = Duration.ofMillis(1500);

  private final JourneyClient journeys;
  private final VapiProperties vapi;
  private final JourneyRoutes routes;

  InboundCallAnswers(JourneyClient journeys, VapiProperties vapi, JourneyRoutes routes) {
    this.journeys = journeys;
    this.vapi = vapi;
    this.routes = routes;
  }

  /** The human line of the caller's team (the route of their journey). */
  private String transferNumber(Optional<CallerJourney> caller) {
    return caller.map(CallerJourney::route).orElse(routes.forJourney(null)).transferNumber();
  }

  AssistantAnswer assistantFor(Optional<CallerJourney> caller) {
    Optional<JourneyView> journey =
        caller.flatMap(c -> journeys.stateWithin(c.journeyId(), JOURNEY_READ_DEADLINE));
    String transferNumber = transferNumber(caller);
    if (journey.isPresent() && journey.get().escalation().escalated() && transferNumber != null) {
      return AssistantAnswer.transfer(
          TransferDestination.to(transferNumber, "Connecting you to a member of our team."));
    }
    if (vapi.assistantId() == null) {
      log.warn("assistant-request answered with an error: handoff.vapi.assistant-id is not set");
      return AssistantAnswer.refused("Sorry, this line is not set up to take calls yet.");
    }
    if (journey.isEmpty()) {
      return AssistantAnswer.assistant(vapi.assistantId());
    }
    return AssistantAnswer.assistant(vapi.assistantId(), CallerVariables.of(journey.get()));
  }

  TransferAnswer transferFor(Optional<CallerJourney> caller) {
    String transferNumber = transferNumber(caller);
    if (transferNumber == null) {
      return TransferAnswer.refused("No one is available to take the call right now.");
    }
    // The caller is on the line: the transfer is answered whether or not its note is recorded.
    caller.ifPresent(
        c ->
            journeys.callEventWithin(
                c.journeyId(),
                new CallEvent(c.callId(), "transfer", "forwarding", null, Instant.now()),
                JOURNEY_READ_DEADLINE));
    return TransferAnswer.to(
        TransferDestination.to(transferNumber, "Transferring you to a member of our team now."));
  }

  /**
   * What the assistant's prompt may say about a caller the engine knows ({@code {{customerName}}}
   * and the others): empty text rather than nothing, so a template never shows a placeholder.
   */
  record CallerVariables(
      String customerName, String lastSummary, String conversationStatus, String journeyId) {
    static CallerVariables of(JourneyView state) {
      return new CallerVariables(
          state.customerName() == null ? "" : state.customerName(),
          state.lastSummary() == null ? "" : state.lastSummary(),
          state.stage().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          state.journeyId());
    }
  }
}
