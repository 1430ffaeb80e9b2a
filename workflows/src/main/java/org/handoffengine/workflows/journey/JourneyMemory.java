package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.journey.JourneyState.CallSummary;
import org.handoffengine.workflows.journey.JourneyState.EscalationStatus;
import org.handoffengine.workflows.journey.JourneyState.FollowUpStatus;

/**
 * Everything a journey remembers, and what it carries into its next run when it continues as new.
 * Mutable because the workflow updates it as events arrive; only workflow code touches it, on the
 * workflow's single thread. Every collection is bounded so a journey that lives for months does not
 * outgrow its history.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public final class JourneyMemory {

  static final int MAX_SEEN_EVENTS = 1_000;
  static final int MAX_SEEN_CALLS = 500;
  static final int MAX_CALLS = 50;
  static final int MAX_POSTED_MESSAGES = 500;
  static final int MAX_CALL_EVENTS = 20;
  static final int MAX_CHAT_LINES = 20;
  static final int MAX_CHAT_LINE_LENGTH = 2_000;

  /** Which signal queued a Chatwoot event. */
  public enum EventKind {
    CUSTOMER_REPLIED,
    AGENT_REPLIED,
    STATUS_CHANGED
  }

  public record QueuedEvent(EventKind kind, ChatwootEvent event) {}

  String journeyId;
  String customerPhone;
  String customerName;
  String customerZone;
  String problem;
  boolean blocked;
  boolean recording;

  Long contactId;
  Long conversationId;
  String lastSummary;
  List<CallSummary> calls = new ArrayList<>();

  List<CallReport> pendingReports = new ArrayList<>();
  List<QueuedEvent> pendingEvents = new ArrayList<>();
  List<EscalationRequest> pendingEscalations = new ArrayList<>();
  LinkedHashSet<String> seenEvents = new LinkedHashSet<>();
  // Kept apart from seenEvents so a chatty conversation cannot push a call out of memory and
  // let a late redelivery of its report be recorded twice.
  LinkedHashSet<String> seenCalls = new LinkedHashSet<>();
  LinkedHashSet<Long> postedMessageIds = new LinkedHashSet<>();

  Instant quietSince;
  int attemptsMade;
  Instant lastAttemptAt;
  String pendingCallId;
  Instant pendingCallDeadline;
  String followUpsStoppedBecause;
  boolean customerDeclined;

  Instant callbackAt;
  List<CallEvent> callEvents = new ArrayList<>();

  boolean customerReplied;
  /** The conversation as the first-responder bot sees it: the newest lines, each cut to a bounded length. */
  List<ChatLine> chat = new ArrayList<>();
  int botReplies;
  boolean agentHandling;
  EscalationStatus escalation = EscalationStatus.NONE;
  boolean resolved;

  Instant startedAt;
  Instant updatedAt;
  int runs = 1;

  /** For Jackson. */
  JourneyMemory() {}

  static JourneyMemory begin(String journeyId, String customerPhone, Instant now) {
    JourneyMemory memory = new JourneyMemory();
    memory.journeyId = journeyId;
    memory.customerPhone = customerPhone;
    memory.startedAt = now;
    memory.updatedAt = now;
    return memory;
  }

  /** Remembers the keys; false when any of them was seen before (a redelivery). */
  boolean firstSighting(Collection<String> keys) {
    boolean seenBefore = keys.stream().anyMatch(seenEvents::contains);
    seenEvents.addAll(keys);
    trim(seenEvents, MAX_SEEN_EVENTS);
    return !seenBefore;
  }

  /** Remembers the call; false when its report was seen before (a redelivery). */
  boolean firstReportOf(String callId) {
    boolean first = seenCalls.add(callId);
    trim(seenCalls, MAX_SEEN_CALLS);
    return first;
  }

  void rememberChat(ChatLine.Speaker speaker, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    String kept = text.length() > MAX_CHAT_LINE_LENGTH ? text.substring(0, MAX_CHAT_LINE_LENGTH) : text;
    chat.add(new ChatLine(speaker, kept));
    if (chat.size() > MAX_CHAT_LINES) {
      chat.subList(0, chat.size() - MAX_CHAT_LINES).clear();
    }
  }

  void rememberPosted(Collection<Long> messageIds) {
    postedMessageIds.addAll(messageIds);
    trim(postedMessageIds, MAX_POSTED_MESSAGES);
  }

  boolean postedByEngine(Long messageId) {
    return messageId != null && postedMessageIds.contains(messageId);
  }

  void callRecorded(CallReport report, String summary, Instant now) {
    calls.add(
        new CallSummary(
            report.callId(), report.direction(), report.endedReason(), summary, report.endedAt(), true));
    if (calls.size() > MAX_CALLS) {
      calls.subList(0, calls.size() - MAX_CALLS).clear();
    }
    // An unanswered follow-up has nothing to say; the last real conversation stays the summary
    // the next call and the escalation note are built on.
    boolean somethingWasSaid =
        (report.summary() != null && !report.summary().isBlank())
            || (report.transcript() != null && !report.transcript().isBlank());
    if (somethingWasSaid || lastSummary == null) {
      lastSummary = summary;
    }
    if (customerName == null && report.customerName() != null && !report.customerName().isBlank()) {
      customerName = report.customerName();
    }
    updatedAt = now;
  }

  /** Derived, never stored, so it cannot disagree with the facts it summarises. */
  JourneyStage stage() {
    if (resolved) {
      return JourneyStage.RESOLVED;
    }
    if (blocked) {
      return JourneyStage.NEEDS_ATTENTION;
    }
    if (recording || conversationId == null) {
      return JourneyStage.RECORDING_CALL;
    }
    if (escalation.escalated()) {
      return JourneyStage.ESCALATED;
    }
    if (agentHandling) {
      return JourneyStage.AGENT_HANDLING;
    }
    if (customerReplied) {
      return JourneyStage.CUSTOMER_REPLIED;
    }
    if (pendingCallId != null) {
      return JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS;
    }
    if (followUpsStoppedBecause != null) {
      return JourneyStage.FOLLOW_UPS_STOPPED;
    }
    return JourneyStage.WAITING_FOR_REPLY;
  }

  /** True while the engine may still place follow-up calls in this journey. */
  boolean followUpsMayRun() {
    return conversationId != null
        && customerPhone != null
        && !resolved
        && !blocked
        && !escalation.escalated()
        && !agentHandling
        && !customerReplied
        && !customerDeclined
        && followUpsStoppedBecause == null;
  }

  /** A new conversation with the customer (a call they made or answered) starts a fresh sequence. */
  void restartFollowUps(Instant now) {
    quietSince = now;
    attemptsMade = 0;
    lastAttemptAt = null;
    customerReplied = false;
    if (!customerDeclined) {
      followUpsStoppedBecause = null;
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

  /**
   * The customer asked to be called back: the sequence resumes for that call, unless they declined,
   * a human has taken over, or the journey was escalated.
   */
  void callbackRequested(Instant at) {
    callbackAt = at;
    customerReplied = false;
    if (!customerDeclined) {
      followUpsStoppedBecause = null;
    }
  }

  FollowUpStatus followUpStatus(int maxAttempts, Instant nextCallAt) {
    return new FollowUpStatus(
        attemptsMade, maxAttempts, nextCallAt, followUpsStoppedBecause, pendingCallId, customerDeclined);
  }

  private static <T> void trim(LinkedHashSet<T> set, int max) {
    Iterator<T> oldest = set.iterator();
    while (set.size() > max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }
}
