package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a journey remembers, and what it carries into its next run when it continues as new:
 * small parts that each own their transitions ({@link Inbox}, {@link Conversation}, {@link
 * FollowUpSequence}, {@link Handover}, {@link Attention}). Only workflow code touches it, on the
 * workflow's single thread. Every collection is bounded so a journey that lives for months does not
 * outgrow its history.
 *
 * <p>The parts are unwrapped into one flat JSON object, the shape earlier versions carried across
 * continue-as-new, so a run started by an older worker's continue-as-new reads the same; properties
 * no longer kept (a run counter) are ignored.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class JourneyState {

  static final int MAX_CALL_EVENTS = 20;

  String journeyId;
  String customerPhone;
  Instant startedAt;
  Instant updatedAt;

  /** The newest events of live calls, for the status line. */
  List<CallEvent> callEvents = new ArrayList<>();

  @JsonUnwrapped Inbox inbox = new Inbox();
  @JsonUnwrapped Conversation conversation = new Conversation();
  @JsonUnwrapped FollowUpSequence followUps = new FollowUpSequence();
  @JsonUnwrapped Handover handover = new Handover();
  @JsonUnwrapped Attention attention = new Attention();

  /** For Jackson. */
  JourneyState() {}

  static JourneyState begin(String journeyId, String customerPhone, Instant now) {
    JourneyState memory = new JourneyState();
    memory.journeyId = journeyId;
    memory.customerPhone = customerPhone;
    memory.startedAt = now;
    memory.updatedAt = now;
    return memory;
  }

  /**
   * Where the journey stands, derived in priority order and never stored, so it cannot disagree
   * with the facts it summarises.
   *
   * <p>Part of the replay contract: the journey upserts the {@code HandoffStage} search attribute
   * whenever this value changes, and an upsert is a command in the journey's history. A change to
   * this derivation (a new stage, a new order) changes the commands running journeys issue on
   * replay, so it must be guarded by {@code Workflow.getVersion} and covered by the replay corpus.
   */
  JourneyStage stage() {
    if (conversation.resolved) {
      return JourneyStage.RESOLVED;
    }
    if (attention.blocked) {
      return JourneyStage.NEEDS_ATTENTION;
    }
    if (conversation.recording || !conversation.exists()) {
      return JourneyStage.RECORDING_CALL;
    }
    if (handover.escalated()) {
      return JourneyStage.ESCALATED;
    }
    if (handover.agentHandling) {
      return JourneyStage.AGENT_HANDLING;
    }
    if (followUps.customerReplied) {
      return JourneyStage.CUSTOMER_REPLIED;
    }
    if (followUps.awaitingCall()) {
      return JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS;
    }
    if (followUps.stopped()) {
      return JourneyStage.FOLLOW_UPS_STOPPED;
    }
    return JourneyStage.WAITING_FOR_REPLY;
  }

  /**
   * Something for the loop to do now. Evaluated by {@code Workflow.await} after every signal: a
   * report or an escalation waits while the journey is blocked, and an escalation also waits for
   * the conversation to exist.
   */
  boolean hasNews() {
    boolean writable = !attention.blocked;
    return inbox.retryRequested
        || (writable && inbox.nextReport() != null)
        || !inbox.pendingEvents.isEmpty()
        || inbox.callNews
        || (writable && inbox.escalationPending() && conversation.exists())
        || (writable && inbox.nextAction() != null && conversation.exists());
  }

  /** True while the engine may still place follow-up calls in this journey. */
  boolean followUpsMayRun() {
    return conversation.exists()
        && customerPhone != null
        && !conversation.resolved
        && !attention.blocked
        && !handover.humanOwns()
        && !followUps.customerReplied
        && !followUps.customerDeclined
        && !followUps.stopped();
  }

  /** A call's report arrived; a new call is also a reason to try a refused step again. */
  void reportArrived(CallReport report) {
    if (inbox.reportArrived(report)) {
      inbox.retryRequested |= attention.blocked;
    }
  }

  /** A live call's progress, once per event. */
  void callEventArrived(CallEvent event) {
    if (inbox.firstNews(event.dedupeKey())) {
      callEvent(event);
    }
  }

  /** The customer asked to be called back at a time, once per request. */
  void callbackArrived(CallbackRequest request) {
    if (inbox.firstNews("callback:" + request.eventId())) {
      followUps.callbackRequested(request.at());
    }
  }

  void callEvent(CallEvent event) {
    callEvents.add(event);
    if (callEvents.size() > MAX_CALL_EVENTS) {
      callEvents.subList(0, callEvents.size() - MAX_CALL_EVENTS).clear();
    }
  }

  /** The newest event of a call that is still going on, or null when no call is live. */
  CallEvent liveCall() {
    if (callEvents.isEmpty()) {
      return null;
    }
    CallEvent last = callEvents.get(callEvents.size() - 1);
    return "ended".equals(last.status()) ? null : last;
  }
}
