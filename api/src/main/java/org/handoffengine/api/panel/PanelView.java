package org.handoffengine.api.panel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;

/**
 * What the panel shows of a journey: the state query's answer, with times already in the customer's
 * zone and the actions that make sense at this stage.
 *
 * @param actions the actions the panel offers now, by name ({@code stop-follow-ups}, {@code
 *     call-now}, {@code escalate}, {@code hand-back}, {@code retry})
 */
public record PanelView(
    String journeyId,
    String customerName,
    JourneyStage stage,
    String statusLine,
    List<Call> calls,
    FollowUp followUp,
    Escalation escalation,
    String problem,
    String temporalUrl,
    List<String> actions) {

  /**
   * @param endedAt local time in the customer's zone
   */
  public record Call(
      String callId,
      String direction,
      String endedAt,
      String endedReason,
      String duration,
      String summary,
      String recordingUrl) {}

  /**
   * @param nextCallAt local time and zone of the next follow-up call, null when none is planned
   */
  public record FollowUp(
      int attemptsMade,
      int maxAttempts,
      String nextCallAt,
      Instant nextCallInstant,
      String stoppedBecause,
      boolean callInProgress,
      boolean customerDeclined) {}

  public record Escalation(boolean escalated, String source, String reason, String at) {}

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  static PanelView of(
      JourneyView state, ZoneId zone, boolean canCall, URI temporalUi, String namespace) {
    List<Call> calls = new ArrayList<>();
    for (JourneyView.CallSummary call : state.calls()) {
      calls.add(
          new Call(
              call.callId(),
              call.direction(),
              local(call.endedAt(), zone),
              call.endedReason(),
              duration(call.durationSeconds()),
              call.summary(),
              call.recordingUrl()));
    }
    JourneyView.FollowUpStatus followUp = state.followUp();
    JourneyView.EscalationStatus escalation = state.escalation();
    return new PanelView(
        state.journeyId(),
        state.customerName(),
        state.stage(),
        state.statusLine(),
        calls,
        new FollowUp(
            followUp.attemptsMade(),
            followUp.maxAttempts(),
            local(followUp.nextCallAt(), zone),
            followUp.nextCallAt(),
            followUp.stoppedBecause(),
            followUp.pendingCallId() != null,
            followUp.customerDeclined()),
        new Escalation(
            escalation.escalated(),
            escalation.source(),
            escalation.reason(),
            local(escalation.at(), zone)),
        state.problem(),
        temporalUi == null ? null : temporalLink(temporalUi, namespace, state.journeyId()),
        actions(state, canCall));
  }

  private static List<String> actions(JourneyView state, boolean canCall) {
    List<String> actions = new ArrayList<>();
    JourneyStage stage = state.stage();
    if (stage == JourneyStage.RESOLVED) {
      return actions;
    }
    if (stage == JourneyStage.NEEDS_ATTENTION) {
      actions.add("retry");
      return actions;
    }
    JourneyView.FollowUpStatus followUp = state.followUp();
    if (followUp.nextCallAt() != null) {
      actions.add("stop-follow-ups");
    }
    if (canCall && followUp.pendingCallId() == null && !followUp.customerDeclined()) {
      actions.add("call-now");
    }
    if (!state.escalation().escalated()) {
      actions.add("escalate");
    }
    boolean inHumanHands =
        state.escalation().escalated()
            || stage == JourneyStage.AGENT_HANDLING
            || stage == JourneyStage.CUSTOMER_REPLIED
            || (stage == JourneyStage.FOLLOW_UPS_STOPPED && !followUp.customerDeclined());
    if (inHumanHands) {
      actions.add("hand-back");
    }
    return actions;
  }

  private static String temporalLink(URI ui, String namespace, String journeyId) {
    String base =
        ui.toString().endsWith("/")
            ? ui.toString().substring(0, ui.toString().length() - 1)
            : ui.toString();
    return base
        + "/namespaces/"
        + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(journeyId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String duration(Long seconds) {
    return seconds == null
        ? null
        : seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
  }

  private static String local(Instant instant, ZoneId zone) {
    return instant == null ? null : LOCAL.format(instant.atZone(zone)) + " " + zone.getId();
  }
}
