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
import java.util.concurrent.CopyOnWriteArrayList;
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
          "→ 1st workflow task completed (worker), the Chatwoot step scheduled",
          "→ Chatwoot step started (dispatch through the contact queue)",
          "→ contact search received by Chatwoot (worker: task to first request)",
          "→ contact search answered (Chatwoot: 50 ms and its handling)",
          "→ contact create received (worker: answer to next request)",
          "→ contact create answered",
          "→ conversation create received",
          "→ conversation create answered",
          "→ transcript received",
          "→ transcript stored");

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Runnable stopListening;

  /**
   * @param calls the journey's Chatwoot requests up to its transcript, in the order Chatwoot
   *     answered them
   */
  private record Pending(String journeyId, String phone, Instant due, List<RecordedRequest> calls) {

    /** When Chatwoot stored the transcript: the last request heard, once it is the transcript. */
    Instant transcriptStored() {
      if (calls.isEmpty()) {
        return null;
      }
      RecordedRequest last = calls.get(calls.size() - 1);
      return TranscriptWatch.transcriptOf(last) == null ? null : last.at();
    }
  }

  JourneyTimeline(ChatwootSandbox chatwoot) {
    stopListening = chatwoot.onRequest(this::heard);
  }

  /**
   * A report for {@code callId} from {@code phone}, of the journey {@code journeyId}, was due at
   * {@code dueNanos}.
   */
  void reportDue(String callId, String phone, String journeyId, long dueNanos) {
    Instant due = Instant.now().minusNanos(System.nanoTime() - dueNanos);
    pending.put(callId, new Pending(journeyId, phone, due, new CopyOnWriteArrayList<>()));
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
      Instant transcript = journey.transcriptStored();
      if (transcript == null || journey.calls().size() != 4) {
        continue; // not recorded, or not a new caller's four requests
      }
      List<Instant> cuts = cuts(temporal.fetchHistory(journey.journeyId()).getEvents());
      if (cuts == null) {
        continue; // not a first call's history
      }
      List<Instant> all = new ArrayList<>();
      all.add(journey.due());
      all.addAll(cuts);
      for (RecordedRequest call : journey.calls()) {
        all.add(call.receivedAt());
        all.add(call.at());
      }
      for (int i = 0; i < SEGMENTS.size(); i++) {
        segments.get(SEGMENTS.get(i)).recordValue(micros(all.get(i), all.get(i + 1)));
      }
      total.recordValue(micros(journey.due(), transcript));
    }
    segments.put("report due → transcript stored (end to end)", total);
    return segments;
  }

  /**
   * Started; 1st task started, completed; the Chatwoot step started. Null when the history is not a
   * first call's.
   */
  private static List<Instant> cuts(List<HistoryEvent> events) {
    Instant started = first(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0);
    Instant task1 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 0);
    Instant done1 = first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 0);
    Instant step = first(events, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 0);
    List<Instant> cuts = Arrays.asList(started, task1, done1, step);
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
      if (journey != null && journey.transcriptStored() == null) {
        journey.calls().add(request);
      }
      return;
    }
    for (Pending journey : pending.values()) {
      if (journey.transcriptStored() == null && concerns(request, journey)) {
        journey.calls().add(request);
        return;
      }
    }
  }

  /** The contact search and create name the caller's number, the conversation its journey. */
  private static boolean concerns(RecordedRequest request, Pending journey) {
    return concerns(request, journey.phone(), journey.journeyId());
  }

  static boolean concerns(RecordedRequest request, String phone, String journeyId) {
    String path = request.path();
    if (path.endsWith("/contacts/search")) {
      // A "+" the client sends unencoded reads as a space once the query is decoded.
      String query = request.query().get("q");
      return query != null && query.strip().endsWith(phone.substring(1));
    }
    if (request.method().equals("POST") && path.endsWith("/contacts")) {
      return request.body().contains(phone);
    }
    return request.method().equals("POST")
        && path.endsWith("/conversations")
        && request.body().contains(journeyId);
  }

  private static long micros(Instant from, Instant to) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMicros(Duration.between(from, to).toNanos()));
  }
}
