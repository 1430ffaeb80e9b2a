package org.handoffengine.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;

/**
 * Where a new caller's end-to-end time goes, step by step: from the moment its report was due to
 * the moment Chatwoot stored its transcript, cut at the events of its Temporal history. The history
 * times are the server's clock, the report and the transcript this process's; both are this
 * machine's wall clock. Only the order of the steps is the journey's; which of them a server or a
 * worker could shorten is what the table is for.
 */
final class JourneyTimeline {

  /** The cuts, in order; each segment runs from the one before it. */
  static final List<String> SEGMENTS =
      List.of(
          "report due → journey started (api role and its signal-with-start)",
          "→ 1st workflow task started (dispatch through matching)",
          "→ 1st workflow task completed (worker), contact step scheduled",
          "→ contact step started (dispatch through the contact queue)",
          "→ contact step completed (search, create contact: 2 Chatwoot calls)",
          "→ 2nd workflow task started (dispatch, sticky queue)",
          "→ 2nd workflow task completed (worker), conversation step scheduled",
          "→ conversation step started (eager: in the task's answer)",
          "→ transcript stored (create conversation, transcript: 2 Chatwoot calls)");

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Runnable stopListening;

  private record Pending(String journeyId, Instant due, Instant[] transcript) {}

  JourneyTimeline(ChatwootSandbox chatwoot) {
    stopListening = chatwoot.onRequest(this::heard);
  }

  /** A report for {@code callId}, of the journey {@code journeyId}, was due at {@code dueNanos}. */
  void reportDue(String callId, String journeyId, long dueNanos) {
    Instant due = Instant.now().minusNanos(System.nanoTime() - dueNanos);
    pending.put(callId, new Pending(journeyId, due, new Instant[1]));
  }

  /**
   * Each segment's distribution, in microseconds, over the journeys whose transcript arrived; reads
   * each one's history.
   */
  Map<String, Histogram> segments(WorkflowClient temporal) {
    stopListening.run();
    Map<String, Histogram> segments = new LinkedHashMap<>();
    SEGMENTS.forEach(s -> segments.put(s, new Histogram(TimeUnit.MINUTES.toMicros(10), 3)));
    Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    for (Pending journey : pending.values()) {
      Instant transcript = journey.transcript()[0];
      if (transcript == null) {
        continue;
      }
      List<Instant> cuts = cuts(temporal.fetchHistory(journey.journeyId()).getEvents());
      if (cuts == null) {
        continue;
      }
      List<Instant> all = new ArrayList<>();
      all.add(journey.due());
      all.addAll(cuts);
      all.add(transcript);
      for (int i = 0; i < SEGMENTS.size(); i++) {
        segments.get(SEGMENTS.get(i)).recordValue(micros(all.get(i), all.get(i + 1)));
      }
      total.recordValue(micros(journey.due(), transcript));
    }
    segments.put("report due → transcript stored (end to end)", total);
    return segments;
  }

  /**
   * Started; 1st task started, completed; contact step started; its completion; 2nd task started,
   * completed; conversation step started. Null when the history is not a first call's.
   */
  private static List<Instant> cuts(List<HistoryEvent> events) {
    Instant started = first(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0);
    Instant task1 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 0);
    Instant done1 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 0);
    Instant contact = first(events, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 0);
    Instant contactDone = first(events, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 0);
    Instant task2 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 1);
    Instant done2 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 1);
    Instant conversation = first(events, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 1);
    List<Instant> cuts =
        Arrays.asList(started, task1, done1, contact, contactDone, task2, done2, conversation);
    return cuts.contains(null) ? null : cuts;
  }

  private static Instant first(List<HistoryEvent> events, EventType type, int skip) {
    int seen = 0;
    for (HistoryEvent event : events) {
      if (event.getEventType() == type && seen++ == skip) {
        return Instant.ofEpochSecond(
            event.getEventTime().getSeconds(), event.getEventTime().getNanos());
      }
    }
    return null;
  }

  private void heard(RecordedRequest request) {
    String call = TranscriptWatch.transcriptOf(request);
    if (call != null) {
      Pending journey = pending.get(call);
      if (journey != null && journey.transcript()[0] == null) {
        journey.transcript()[0] = request.at();
      }
    }
  }

  private static long micros(Instant from, Instant to) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMicros(Duration.between(from, to).toNanos()));
  }
}
