package org.handoffengine.workflows.journey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;

/**
 * The text of everything a journey writes into Chatwoot. Each message has a stable key so a retried
 * write finds the earlier one instead of posting twice.
 */
public final class JourneyMessages {

  /**
   * Chatwoot rejects message content above 150,000 characters; the rest is room for the tag the
   * activity appends to find the message again.
   */
  static final int MAX_CONTENT = 149_000;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JourneyMessages() {}

  /** Summary, transcript and a private note with the call's metadata. */
  public static List<OutgoingMessage> forCall(CallReport report, String summary) {
    String key = "call:" + report.callId();
    List<OutgoingMessage> messages = new ArrayList<>(3);
    String heading =
        "outbound".equals(report.direction()) ? "📞 Follow-up call summary" : "📞 Call summary";
    String when = report.endedAt() == null ? "" : " (" + WHEN.format(report.endedAt()) + ")";
    messages.add(new OutgoingMessage(key + ":summary", heading + when + "\n\n" + summary, false));
    if (report.transcript() != null && !report.transcript().isBlank()) {
      messages.add(
          new OutgoingMessage(
              key + ":transcript", limit("Transcript\n\n" + report.transcript().strip()), false));
    }
    messages.add(new OutgoingMessage(key + ":details", callDetails(report), true));
    return messages;
  }

  static String callDetails(CallReport report) {
    StringBuilder note = new StringBuilder("Call details\n");
    line(note, "Vapi call id", report.callId());
    line(note, "Direction", report.direction());
    line(note, "Ended reason", report.endedReason());
    line(note, "Duration", formatDuration(report.duration()));
    line(note, "Cost", report.costUsd() == null ? null : dollars(report.costUsd()));
    line(note, "Recording", report.recordingUrl());
    return note.toString().strip();
  }

  /**
   * {@code $0.42}: what {@code String.format(Locale.ROOT, "$%.2f", usd)} gives, without a Formatter
   * per call, which took 16 % of the workflow threads' CPU in a profile on the real server.
   */
  static String dollars(double usd) {
    return "$" + BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * The bot's answer to the customer message {@code answering}: public, keyed so a retry posts it
   * once.
   */
  public static OutgoingMessage botReply(Long answering, int turn, String text) {
    return new OutgoingMessage(
        "bot:" + (answering == null ? "turn-" + turn : answering), text, false);
  }

  public static OutgoingMessage followUpPlaced(int attempt, int maxAttempts, String callId) {
    return new OutgoingMessage(
        "follow-up:" + callId,
        "Follow-up call "
            + attempt
            + " of "
            + maxAttempts
            + " placed because the customer has not answered (Vapi call id "
            + callId
            + ").",
        true);
  }

  /** Vapi rang nobody: the same attempt is placed again, at {@code again}. */
  public static OutgoingMessage followUpNotDialled(int attempt, String callId, Instant again) {
    return new OutgoingMessage(
        "follow-up-not-dialled:" + callId,
        "Follow-up call "
            + attempt
            + " was not dialled: every Vapi call slot of the account was busy (Vapi call id "
            + callId
            + "). It does not count as an attempt and is placed again at "
            + WHEN.format(again)
            + ".",
        true);
  }

  public static OutgoingMessage followUpsStopped(String why, int attemptsMade) {
    return new OutgoingMessage(
        "follow-ups-stopped:" + attemptsMade, "Follow-up calls stopped: " + why + ".", true);
  }

  /**
   * An agent stopped the follow-up calls. Keyed by the request, so a retried write posts it once.
   */
  public static OutgoingMessage followUpsStoppedBy(AgentAction action, int attemptsMade) {
    return new OutgoingMessage(
        "agent:stop:" + action.requestId(),
        "Follow-up calls stopped by "
            + action.agent()
            + " ("
            + attemptsMade
            + " placed so far). The customer will not be called again unless someone asks.",
        true);
  }

  public static OutgoingMessage callNowPlaced(
      AgentAction action, int attempt, String callId, boolean outsideCallingHours) {
    return new OutgoingMessage(
        "agent:call-now:" + action.requestId(),
        "Follow-up call "
            + attempt
            + " placed now at the request of "
            + action.agent()
            + (outsideCallingHours ? ", outside calling hours as they asked" : "")
            + " (Vapi call id "
            + callId
            + ").",
        true);
  }

  public static OutgoingMessage handedBack(
      AgentAction action, boolean followUpsResume, boolean botResumes) {
    String resumes =
        followUpsResume && botResumes
            ? "follow-up calls and the assistant resume"
            : followUpsResume
                ? "follow-up calls resume"
                : botResumes
                    ? "the assistant resumes"
                    : "the engine follows the conversation again";
    return new OutgoingMessage(
        "agent:hand-back:" + action.requestId(),
        "Handed back to automation by " + action.agent() + ": " + resumes + ".",
        true);
  }

  public static OutgoingMessage retryRequested(AgentAction action) {
    return new OutgoingMessage(
        "agent:retry:" + action.requestId(),
        "Retry of the refused write requested by " + action.agent() + ".",
        true);
  }

  public static OutgoingMessage escalation(
      EscalationRequest request, String lastSummary, List<JourneyView.CallSummary> calls) {
    return escalation(request, lastSummary, calls, 0);
  }

  /**
   * @param handBacks how often the journey was handed back before: each escalation after one has
   *     its own note
   */
  public static OutgoingMessage escalation(
      EscalationRequest request,
      String lastSummary,
      List<JourneyView.CallSummary> calls,
      int handBacks) {
    StringBuilder note = new StringBuilder("Escalated to a human");
    if (request.source() != null) {
      note.append(" (requested via ").append(request.source()).append(')');
    }
    note.append("\nReason: ")
        .append(
            request.reason() == null || request.reason().isBlank()
                ? "not given"
                : request.reason());
    if (lastSummary != null) {
      note.append("\nLatest summary: ").append(lastSummary);
    }
    note.append("\nCalls so far: ").append(calls.size());
    for (JourneyView.CallSummary call : calls) {
      note.append("\n• ")
          .append(call.direction())
          .append(' ')
          .append(call.callId())
          .append(" — ")
          .append(call.endedReason());
    }
    // One escalation per journey run: the key makes a second request harmless even across retries.
    return new OutgoingMessage(
        handBacks == 0 ? "escalation" : "escalation:" + handBacks, limit(note.toString()), true);
  }

  private static void line(StringBuilder note, String label, String value) {
    if (value != null && !value.isBlank()) {
      note.append("• ").append(label).append(": ").append(value).append('\n');
    }
  }

  static String formatDuration(Duration duration) {
    if (duration == null) {
      return null;
    }
    long seconds = duration.toSeconds();
    return seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
  }

  static String limit(String content) {
    return content.length() <= MAX_CONTENT
        ? content
        : content.substring(0, MAX_CONTENT - 20) + "\n… (truncated)";
  }

  static String formatInstant(Instant instant) {
    return instant == null ? null : WHEN.format(instant);
  }
}
