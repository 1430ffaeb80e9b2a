package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** A journey as the {@code state} query answers it: everything an operator needs, no history. */
public record JourneyView(
    String journeyId,
    String customerPhone,
    String customerName,
    JourneyStage stage,
    String statusLine,
    Long contactId,
    Long conversationId,
    List<CallSummary> calls,
    String lastSummary,
    FollowUpStatus followUp,
    EscalationStatus escalation,
    String problem,
    List<CallEvent> callEvents,
    Instant startedAt,
    Instant updatedAt) {

  /**
   * One call of the journey, newest last. Part of the journey's carried memory: a run continued as
   * new by an older worker still holds {@code recordedInChatwoot} (always true, dropped as dead
   * state), so unknown properties are ignored.
   *
   * @param durationSeconds null for calls recorded before the journey kept it, or without times
   * @param recordingUrl Vapi's recording, null when there is none (or the call predates it)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CallSummary(
      String callId,
      String direction,
      String endedReason,
      String summary,
      Instant endedAt,
      Long durationSeconds,
      String recordingUrl) {

    /** What a report says of its call. */
    public static CallSummary of(CallReport report, String summary) {
      return new CallSummary(
          report.callId(),
          report.direction(),
          report.endedReason(),
          summary,
          report.endedAt(),
          report.duration() == null ? null : report.duration().toSeconds(),
          report.recordingUrl());
    }
  }

  /**
   * @param nextCallAt when the next follow-up call is due, null when none is planned
   * @param stoppedBecause why the sequence stopped, null while it runs
   * @param pendingCallId the Vapi call placed by the engine whose outcome is awaited
   */
  public record FollowUpStatus(
      int attemptsMade,
      int maxAttempts,
      Instant nextCallAt,
      String stoppedBecause,
      String pendingCallId,
      boolean customerDeclined) {}

  public record EscalationStatus(boolean escalated, String source, String reason, Instant at) {
    public static final EscalationStatus NONE = new EscalationStatus(false, null, null, null);
  }
}
