package org.handoffengine.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;

/**
 * End-to-end latency: from the moment a report was due at the engine to the moment the Chatwoot
 * sandbox stored that call's transcript message (its answer, after the simulated latency). Both
 * ends are in this process, on one clock. Counted from a sandbox listener, so a run of 10,000
 * journeys never re-reads the sandbox's history.
 */
final class TranscriptWatch {

  private static final Pattern TRANSCRIPT =
      Pattern.compile("(?:\\[handoff:|\"handoff_key\":\")call:([^\\]\\s:\"]+):transcript");

  private final Map<String, Long> dueNanos = new ConcurrentHashMap<>();
  private final AtomicInteger transcripts = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private volatile Histogram current = newHistogram();
  private volatile Runnable onTranscript = () -> {};
  private final ChatwootSandbox chatwoot;

  TranscriptWatch(ChatwootSandbox chatwoot) {
    this.chatwoot = chatwoot;
    chatwoot.onRequest(this::heard);
  }

  /**
   * Waits until every accepted report's transcript is in Chatwoot, printing progress every 15 s;
   * {@code accepted} is read again each time, as reports may still be arriving.
   */
  void awaitRecorded(IntSupplier accepted, Consumer<String> progress) {
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (true) {
      int expected = accepted.getAsInt();
      try {
        chatwoot.awaitUntil("transcripts", () -> transcripts() >= expected, Duration.ofSeconds(15));
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "journeys not recorded after 15 minutes: " + transcripts() + " of " + expected);
        }
        progress.accept(
            "  " + transcripts() + " of " + expected + " journeys recorded in Chatwoot");
      }
    }
  }

  /** A report for this call was due at {@code nanos} (System.nanoTime). */
  void reportDue(String callId, long nanos) {
    dueNanos.put(callId, nanos);
  }

  /** Starts a new histogram; the previous one is returned. */
  synchronized Histogram restart() {
    Histogram previous = current;
    current = newHistogram();
    return previous;
  }

  /** Runs on every first transcript of a call, e.g. to free a slot of a closed-model load. */
  void onTranscript(Runnable action) {
    onTranscript = action;
  }

  int transcripts() {
    return transcripts.get();
  }

  /** Transcripts posted a second time for the same call: should stay zero. */
  int duplicates() {
    return duplicates.get();
  }

  /** The call whose transcript this request stored, or null when it stored none. */
  static String transcriptOf(RecordedRequest request) {
    if (!request.method().equals("POST")
        || request.status() >= 300
        || !request.path().endsWith("/messages")) {
      return null;
    }
    Matcher tag = TRANSCRIPT.matcher(request.body());
    return tag.find() ? tag.group(1) : null;
  }

  private void heard(RecordedRequest request) {
    String call = transcriptOf(request);
    if (call == null) {
      return;
    }
    long now = System.nanoTime();
    Long due = dueNanos.remove(call);
    if (due == null) {
      duplicates.incrementAndGet();
      return;
    }
    transcripts.incrementAndGet();
    onTranscript.run();
    Histogram histogram = current;
    synchronized (this) {
      histogram.recordValue(
          Math.min(TimeUnit.NANOSECONDS.toMicros(now - due), histogram.getHighestTrackableValue()));
    }
  }

  private static Histogram newHistogram() {
    return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
  }
}
