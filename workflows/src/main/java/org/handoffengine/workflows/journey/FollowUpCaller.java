package org.handoffengine.workflows.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.handoffengine.workflows.vapi.VapiActivities;

/**
 * The journey's follow-up calls, as workflow code: when one is due, look at the conversation, place
 * the call, and ask Vapi for a report that never came. The decisions are in {@link
 * FollowUpSequence} and {@link FollowUpCalls}; every platform call runs through the journey's
 * {@link Refusals}.
 */
final class FollowUpCaller {

  /** A placement with less calling window left than this waits for the next window. */
  static final Duration MIN_PLACEMENT = Duration.ofMinutes(1);

  /**
   * How long a call Vapi could not dial (every call slot busy) waits before it is placed again: a
   * slot frees when one of the account's calls ends, a matter of minutes.
   */
  static final Duration REDIAL_AFTER = Duration.ofMinutes(5);

  private final JourneyState journey;
  private final FollowUpPolicy policy;
  private final ConversationWriter writer;
  private final JourneyPlatforms platforms;
  private final PlatformRetry retry;
  private final Refusals refusals;
  private final JourneyMeter meter;
  private final Consumer<OutgoingMessage> note;

  FollowUpCaller(
      JourneyState journey,
      FollowUpPolicy policy,
      ConversationWriter writer,
      JourneyPlatforms platforms,
      PlatformRetry retry,
      Refusals refusals,
      JourneyMeter meter,
      Consumer<OutgoingMessage> note) {
    this.journey = journey;
    this.policy = policy;
    this.writer = writer;
    this.platforms = platforms;
    this.retry = retry;
    this.refusals = refusals;
    this.meter = meter;
    this.note = note;
  }

  /** Places the call that is due, or asks for the report of the one that was placed. */
  void callWhenDue() {
    FollowUpSequence sequence = journey.followUps;
    if (!mayRun()) {
      return;
    }
    if (sequence.awaitingCall()) {
      refusals.attempt(this::askVapiForLostReport);
      return;
    }
    Instant due = sequence.dueAt(policy, zone());
    if (due == null || now().isBefore(due)) {
      return;
    }
    if (sequence.exhausted(policy)) {
      stop("no answer after " + sequence.attemptsMade + " follow-up calls");
      return;
    }
    refusals.attempt(this::callTheQuietCustomer);
  }

  /** When the journey must look again without news: the next call, or the report deadline. */
  Instant nextWakeUp() {
    if (!mayRun()) {
      return null;
    }
    FollowUpSequence sequence = journey.followUps;
    return sequence.awaitingCall() ? sequence.pendingCallDeadline : sequence.dueAt(policy, zone());
  }

  /**
   * A recorded call: the outcome of the awaited follow-up, or a new talk that restarts the
   * sequence.
   */
  void callRecorded(CallReport report) {
    FollowUpSequence sequence = journey.followUps;
    if (sequence.isPendingCall(report.callId())) {
      sequence.callEnded();
      if (FollowUpCalls.notDialled(report) && redialsCallsVapiCouldNotDial()) {
        Instant at = now().plus(REDIAL_AFTER);
        sequence.notDialled(at);
        note.accept(
            JourneyMessages.followUpNotDialled(
                sequence.nextAttempt(), report.callId(), sequence.dueAt(policy, zone())));
      } else {
        FollowUpCalls.afterCall(report, sequence.attemptsMade, policy)
            .ifPresent(this::afterOutcome);
      }
    } else if (policy.enabled()) {
      sequence.restart(now()); // the customer just spoke to us: the quiet clock starts again
    }
    if (report.doNotCall()) {
      stop("the customer asked not to be called again");
      sequence.customerDeclined = true;
    }
  }

  /** Ends the sequence; an agent reads why when calls had been placed. */
  void stop(String why) {
    if (journey.followUps.stop(why)
        && journey.conversation.exists()
        && !journey.attention.blocked) {
      note.accept(JourneyMessages.followUpsStopped(why, journey.followUps.attemptsMade));
    }
  }

  private void callTheQuietCustomer() {
    // Webhooks get lost: look at the conversation itself before calling anyone.
    var obstacle = FollowUpCalls.obstacle(writer.read(), journey.followUps.quietSince);
    if (obstacle.isPresent()) {
      switch (obstacle.get()) {
        case RESOLVED -> journey.conversation.resolved = true;
        case CUSTOMER_WROTE -> {
          journey.followUps.customerReplied = true;
          stop("the customer replied");
        }
        case AGENT_WROTE -> {
          journey.handover.agentReplied();
          stop("an agent replied");
        }
      }
      return;
    }
    int attempt = journey.followUps.nextAttempt();
    FollowUpCallRequest request = FollowUpCalls.request(journey, policy, attempt);
    // Versioned: earlier workers placed the call in one blocking step, with no deadline to cancel.
    PlacedCall call =
        Workflow.getVersion("cancellable-follow-up", Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? platforms.vapi(summary(attempt)).placeFollowUpCall(request)
            : placeInsideTheWindow(request);
    if (call == null) {
      return;
    }
    meter.followUpCallPlaced();
    journey.followUps.placed(call.callId(), now(), policy.reportTimeout());
    note.accept(JourneyMessages.followUpPlaced(attempt, policy.maxAttempts(), call.callId()));
  }

  /** An agent asked for a call now: placed at once, whatever the schedule says. */
  void callNow(AgentAction action) {
    int attempt = journey.followUps.nextAttempt();
    PlacedCall call =
        platforms
            .vapi("call now, asked by an agent (follow-up call " + attempt + ")")
            .placeFollowUpCall(FollowUpCalls.request(journey, policy, attempt));
    meter.followUpCallPlaced();
    journey.followUps.placed(call.callId(), now(), policy.reportTimeout());
    note.accept(
        JourneyMessages.callNowPlaced(
            action, attempt, call.callId(), action.outsideCallingHours()));
  }

  /**
   * Places the call while the loop keeps listening: Vapi's retries end when the calling window
   * closes (schedule-to-close), so nobody is rung at 23:00 after an outage, and a reply, a new call
   * or an escalation that arrives meanwhile cancels the placement so the journey reacts at once.
   *
   * @return the placed call, or null when the placement was cancelled or moved to the next window
   */
  private PlacedCall placeInsideTheWindow(FollowUpCallRequest request) {
    Instant now = now();
    FollowUpSequence sequence = journey.followUps;
    Instant deadline =
        sequence.callbackAt != null
            ? now.plus(policy.reportTimeout()) // the customer chose the time; no window applies
            : policy.callingWindow().closesAfter(now, zone());
    Duration left = Duration.between(now, deadline);
    if (left.compareTo(MIN_PLACEMENT) < 0) {
      sequence.postponed(
          policy.callingWindow().firstOpenAtOrAfter(deadline.plus(MIN_PLACEMENT), zone()));
      return null;
    }
    VapiActivities bounded =
        Workflow.newActivityStub(
            VapiActivities.class,
            ActivityOptions.newBuilder(JourneyPlatforms.platformCalls(retry))
                .setScheduleToCloseTimeout(left)
                .setSummary(summary(request.attempt()))
                .build());
    CompletablePromise<PlacedCall> placing = Workflow.newPromise();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> placing.completeFrom(Async.function(bounded::placeFollowUpCall, request)));
    scope.run();
    Workflow.await(() -> placing.isCompleted() || journey.inbox.interruptsACall());
    if (!placing.isCompleted()) {
      scope.cancel(); // the loop handles what arrived; the sequence decides again afterwards
      return null;
    }
    try {
      return placing.get();
    } catch (ActivityFailure failure) {
      // Out of window: the server stops retrying at schedule-to-close and hands back the last
      // failure.
      if (failure.getCause() instanceof TimeoutFailure
          || failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT) {
        sequence.postponed(policy.callingWindow().firstOpenAtOrAfter(deadline, zone()));
        return null;
      }
      throw failure; // a refusal: the journey's Refusals show it
    }
  }

  private String summary(int attempt) {
    return "follow-up call " + attempt + " of " + policy.maxAttempts();
  }

  /** Vapi does not redeliver a lost end-of-call report; after a while, ask for the call itself. */
  private void askVapiForLostReport() {
    if (!journey.followUps.reportOverdue(now())) {
      return;
    }
    CallReport report =
        platforms
            .vapi("fetch call " + journey.followUps.pendingCallId + ", its report is overdue")
            .fetchEndedCall(journey.followUps.pendingCallId);
    if (report == null) {
      journey.followUps.stillWaitingForReport(now(), policy.reportTimeout());
    } else {
      journey.inbox.reportArrived(report);
    }
  }

  private void afterOutcome(FollowUpCalls.Outcome outcome) {
    if (outcome.declined()) {
      journey.followUps.customerDeclined = true;
    }
    if (outcome.escalation() != null) {
      journey.inbox.escalationDecided(outcome.escalation());
    } else {
      stop(outcome.stopBecause());
    }
  }

  /**
   * Versioned: earlier workers counted such a call as a FAILED attempt. Asked only when a call went
   * undialled, so a journey that never meets one records no marker.
   */
  private static boolean redialsCallsVapiCouldNotDial() {
    return Workflow.getVersion("redial-undialled-call", Workflow.DEFAULT_VERSION, 1)
        != Workflow.DEFAULT_VERSION;
  }

  private boolean mayRun() {
    return policy.enabled() && journey.followUpsMayRun();
  }

  private java.time.ZoneId zone() {
    return policy.zoneOrDefault(journey.conversation.customerZone);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
