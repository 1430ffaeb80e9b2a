package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;

/**
 * What arrived and is not handled yet, and what was already seen. Signal handlers only write here;
 * the journey's loop takes from here. Carried across continue-as-new, flags included, so a signal
 * delivered in the task that continues as new is not lost.
 *
 * <p>Temporal does not deduplicate signals: every key a webhook carries is remembered, in bounded
 * sets, so a redelivery changes nothing.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
final class Inbox {

  static final int MAX_SEEN_EVENTS = 1_000;
  static final int MAX_SEEN_CALLS = 500;
  static final int MAX_POSTED_MESSAGES = 500;

  /** Which signal queued a Chatwoot event. */
  enum EventKind {
    CUSTOMER_REPLIED,
    AGENT_REPLIED,
    STATUS_CHANGED
  }

  record QueuedEvent(EventKind kind, ChatwootEvent event) {}

  /** What a person asked the journey to do (see {@link AgentActions}). */
  enum AgentActionKind {
    STOP_FOLLOW_UPS,
    CALL_NOW,
    HAND_BACK,
    RETRY
  }

  record PendingAction(AgentActionKind kind, AgentAction action) {}

  List<CallReport> pendingReports = new ArrayList<>();
  List<QueuedEvent> pendingEvents = new ArrayList<>();
  List<EscalationRequest> pendingEscalations = new ArrayList<>();
  LinkedHashSet<String> seenEvents = new LinkedHashSet<>();
  // Kept apart from seenEvents so a chatty conversation cannot push a call out of memory and
  // let a late redelivery of its report be recorded twice.
  LinkedHashSet<String> seenCalls = new LinkedHashSet<>();
  LinkedHashSet<Long> postedMessageIds = new LinkedHashSet<>();

  /** Accepted agent actions the loop has yet to carry out, oldest first. */
  List<PendingAction> pendingActions = new ArrayList<>();

  /** An operator (or a new call) asked to try the refused step again. */
  boolean retryRequested;

  /** Something changed that only the journey's published state shows (a live call, a callback). */
  boolean callNews;

  /** A call's end-of-call report; false when it was seen before. */
  boolean reportArrived(CallReport report) {
    boolean first = seenCalls.add(report.callId());
    trim(seenCalls, MAX_SEEN_CALLS);
    if (first) {
      pendingReports.add(report);
    }
    return first;
  }

  /** Remembers the keys; false when any of them was seen before (a redelivery). */
  boolean firstSighting(Collection<String> keys) {
    boolean seenBefore = keys.stream().anyMatch(seenEvents::contains);
    seenEvents.addAll(keys);
    trim(seenEvents, MAX_SEEN_EVENTS);
    return !seenBefore;
  }

  /** A fact only the journey's published state shows; false when it was seen before. */
  boolean firstNews(String key) {
    boolean first = firstSighting(List.of(key));
    callNews |= first;
    return first;
  }

  void eventArrived(EventKind kind, ChatwootEvent event) {
    if (firstSighting(event.dedupeKeys(kind.name()))) {
      pendingEvents.add(new QueuedEvent(kind, event));
    }
  }

  /**
   * An agent's message; the engine's own messages, echoed back by Chatwoot, are not an agent's
   * reply.
   */
  void agentReplyArrived(ChatwootEvent event) {
    if (!postedByEngine(event.messageId())) {
      eventArrived(EventKind.AGENT_REPLIED, event);
    }
  }

  /** An escalation asked for from outside; false when the same request came before. */
  boolean escalationArrived(EscalationRequest request) {
    if (!firstSighting(List.of("escalation:" + request.eventId()))) {
      return false;
    }
    pendingEscalations.add(request);
    return true;
  }

  /** An escalation the journey decided on itself (a phrase, the bot, a call outcome). */
  void escalationDecided(EscalationRequest request) {
    pendingEscalations.add(request);
  }

  /**
   * True when this request was seen before (a retried click or a redelivered webhook); remembers
   * it.
   */
  boolean actionSeen(AgentActionKind kind, AgentAction action) {
    return !firstSighting(List.of("agent:" + kind + ":" + action.requestId()));
  }

  void actionArrived(AgentActionKind kind, AgentAction action) {
    pendingActions.add(new PendingAction(kind, action));
  }

  boolean actionPending(AgentActionKind kind) {
    return pendingActions.stream().anyMatch(pending -> pending.kind() == kind);
  }

  PendingAction nextAction() {
    return pendingActions.isEmpty() ? null : pendingActions.get(0);
  }

  void actionDone() {
    pendingActions.remove(0);
  }

  CallReport nextReport() {
    return pendingReports.isEmpty() ? null : pendingReports.get(0);
  }

  void reportRecorded() {
    pendingReports.remove(0);
  }

  QueuedEvent takeEvent() {
    return pendingEvents.isEmpty() ? null : pendingEvents.remove(0);
  }

  /** The first pending escalation; the rest are the same wish and are dropped with it. */
  EscalationRequest takeEscalation() {
    if (pendingEscalations.isEmpty()) {
      return null;
    }
    EscalationRequest first = pendingEscalations.get(0);
    pendingEscalations.clear();
    return first;
  }

  /**
   * A reply, a takeover, a resolution, a new call or an escalation: reasons not to ring the
   * customer now.
   */
  boolean interruptsACall() {
    return !pendingEvents.isEmpty() || !pendingReports.isEmpty() || !pendingEscalations.isEmpty();
  }

  boolean escalationPending() {
    return !pendingEscalations.isEmpty();
  }

  void rememberPosted(Collection<Long> messageIds) {
    postedMessageIds.addAll(messageIds);
    trim(postedMessageIds, MAX_POSTED_MESSAGES);
  }

  boolean postedByEngine(Long messageId) {
    return messageId != null && postedMessageIds.contains(messageId);
  }

  /** True once per request: the loop clears the flag when it acts on it. */
  boolean takeRetry() {
    boolean asked = retryRequested;
    retryRequested = false;
    return asked;
  }

  boolean takeCallNews() {
    boolean news = callNews;
    callNews = false;
    return news;
  }

  private static <T> void trim(LinkedHashSet<T> set, int max) {
    Iterator<T> oldest = set.iterator();
    while (set.size() > max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }
}
