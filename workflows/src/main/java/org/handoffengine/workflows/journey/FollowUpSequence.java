package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.handoffengine.workflows.journey.JourneyView.FollowUpStatus;
import org.handoffengine.workflows.policy.FollowUpPolicy;

/**
 * The follow-up calls of one quiet spell: when the customer went quiet, the attempts made, the call
 * whose outcome is awaited, and why the sequence stopped. Knows nothing of Temporal; the journey
 * asks it when the next call is due and tells it what happened.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
final class FollowUpSequence {

  Instant quietSince;
  int attemptsMade;
  Instant lastAttemptAt;
  String pendingCallId;
  Instant pendingCallDeadline;
  String followUpsStoppedBecause;
  boolean customerDeclined;

  /** The customer answered in Chatwoot; the sequence waits for a new reason to call. */
  boolean customerReplied;

  /** A time the customer chose for the next call; no calling window applies to it. */
  Instant callbackAt;

  /** The calling window closed while the call was still being placed: no call before this. */
  Instant notBefore;

  /** Vapi rang nobody for the last call: the same attempt is made again at this time. */
  Instant redialAt;

  /** The pending call was the customer's callback, placed at the time they chose. */
  boolean pendingIsCallback;

  boolean stopped() {
    return followUpsStoppedBecause != null;
  }

  boolean awaitingCall() {
    return pendingCallId != null;
  }

  /**
   * A new conversation with the customer (a call they made or answered) starts a fresh sequence.
   */
  void restart(Instant now) {
    quietSince = now;
    attemptsMade = 0;
    lastAttemptAt = null;
    notBefore = null;
    redialAt = null;
    customerReplied = false;
    if (!customerDeclined) {
      followUpsStoppedBecause = null;
    }
  }

  /**
   * The customer asked to be called back: the sequence resumes for that call, unless they declined
   * (the journey also keeps it stopped while a human owns the conversation).
   */
  void callbackRequested(Instant at) {
    callbackAt = at;
    customerReplied = false;
    if (!customerDeclined) {
      followUpsStoppedBecause = null;
    }
  }

  void customerReplied(Instant now) {
    customerReplied = true;
    quietSince = now;
  }

  /**
   * Ends the sequence, keeping the first reason given.
   *
   * @return true when calls had been placed and were still running, so a note should say why they
   *     stop
   */
  boolean stop(String why) {
    boolean wasRunning = followUpsStoppedBecause == null && attemptsMade > 0;
    if (followUpsStoppedBecause == null) {
      followUpsStoppedBecause = why;
    }
    return wasRunning;
  }

  /** Not configurable: a customer who declined is never called again by the sequence. */
  void declined(String why) {
    customerDeclined = true;
    stop(why);
  }

  /** When the next call is due, when the sequence gives up, or null when nothing is planned. */
  Instant dueAt(FollowUpPolicy policy, ZoneId zone) {
    if (callbackAt != null) {
      return callbackAt; // the customer chose the time: no calling window applies
    }
    if (quietSince == null) {
      return null;
    }
    Instant due =
        redialAt != null
            ? policy.callingWindow().firstOpenAtOrAfter(redialAt, zone)
            : policy.nextDueAt(quietSince, attemptsMade, lastAttemptAt, zone);
    return notBefore != null && notBefore.isAfter(due) ? notBefore : due;
  }

  /**
   * The placement ran out of calling window (Vapi was down, say): the attempt moves to {@code
   * nextOpening}, and a callback time that has passed gives way to the window.
   */
  void postponed(Instant nextOpening) {
    notBefore = nextOpening;
    callbackAt = null;
  }

  /** Every attempt was made and no callback is asked for: the sequence has nothing left to try. */
  boolean exhausted(FollowUpPolicy policy) {
    return attemptsMade >= policy.maxAttempts() && callbackAt == null;
  }

  /**
   * Vapi created the call but rang nobody, every concurrent-call slot of the account being busy:
   * the attempt does not count, and it is made again at {@code at}, inside the calling window.
   */
  void notDialled(Instant at) {
    attemptsMade--;
    if (pendingIsCallback) {
      callbackAt = at; // still the customer's time: no calling window applies
    } else {
      redialAt = at;
    }
  }

  int nextAttempt() {
    return attemptsMade + 1;
  }

  void placed(String callId, Instant now, Duration reportTimeout) {
    attemptsMade++;
    lastAttemptAt = now;
    pendingIsCallback = callbackAt != null;
    callbackAt = null;
    notBefore = null;
    redialAt = null;
    pendingCallId = callId;
    pendingCallDeadline = now.plus(reportTimeout);
  }

  /** Vapi does not redeliver a lost report: true once it is time to ask for the call itself. */
  boolean reportOverdue(Instant now) {
    return pendingCallId != null && !now.isBefore(pendingCallDeadline);
  }

  void stillWaitingForReport(Instant now, Duration reportTimeout) {
    pendingCallDeadline = now.plus(reportTimeout);
  }

  boolean isPendingCall(String callId) {
    return callId != null && callId.equals(pendingCallId);
  }

  void callEnded() {
    pendingCallId = null;
    pendingCallDeadline = null;
  }

  FollowUpStatus status(int maxAttempts, Instant nextCallAt) {
    return new FollowUpStatus(
        attemptsMade,
        maxAttempts,
        nextCallAt,
        followUpsStoppedBecause,
        pendingCallId,
        customerDeclined);
  }
}
