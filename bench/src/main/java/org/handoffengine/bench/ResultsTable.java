package org.handoffengine.bench;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/** Prints one run's figures as the Markdown tables bench/RESULTS.md keeps. */
final class ResultsTable {

  private ResultsTable() {}

  static void print(Bench.Report report, BenchOptions options, double seconds) {
    OpenLoad.Result noop = report.acknowledgements.get(0);
    OpenLoad.Result noopMax = report.saturation.get(0);
    out("");
    out("## Results, %s, %.0f s run, Chatwoot sandbox latency %d ms per call, failure rate %.2f",
        LocalDate.now(), seconds, options.chatwootLatency().toMillis(), options.failureRate());

    out("");
    out("### 1-3. Webhook acknowledgement: open model at %d req/s (%d s), and the most each takes with %d requests in flight (%d s)",
        options.rate(), options.phase().toSeconds(), 32, options.saturation().toSeconds());
    out("");
    out("| endpoint | done req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | max req/s | max vs no-op | p99 at max ms |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (int i = 0; i < report.acknowledgements.size(); i++) {
      OpenLoad.Result r = report.acknowledgements.get(i);
      OpenLoad.Result max = report.saturation.get(i);
      out("| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %.2f | %.2f |",
          r.name(), r.throughput(), r.millis(50), r.millis(99), r.millis(99.9), r.latencyMicros().getMaxValue() / 1000.0,
          r.failed() + max.failed(), max.throughput(), max.throughput() / noopMax.throughput(), max.millis(99));
    }

    out("");
    out("### 4. End to end: report sent → its transcript message stored by the Chatwoot sandbox");
    out("");
    out("| load | journeys | p50 ms | p90 ms | p99 ms | max ms |");
    out("|---|--:|--:|--:|--:|--:|");
    for (Map.Entry<String, Histogram> e : report.endToEnd.entrySet()) {
      Histogram h = e.getValue();
      out("| %s | %d | %.0f | %.0f | %.0f | %.0f |", e.getKey(), h.getTotalCount(),
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    out("");
    out("### 5. Temporal actions of a journey of one call, one conversation, no follow-up");
    out("");
    out("| when | billable actions | starts | signals | activities (attempts) | timers | search-attribute upserts | markers | updates | workflow tasks (not billed) | history events |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    actions("waiting for its follow-up timer", report.actionsWaiting);
    actions("resolved by an agent (completed)", report.actionsResolved);

    out("");
    out("### 6. Engine memory");
    out("");
    out("| open journeys waiting on follow-up timers | resident (RSS) | RSS after a full GC | live heap after a full GC | transcripts posted twice |");
    out("|--:|--:|--:|--:|--:|");
    out("| %d | %.0f MB | %.0f MB | %.0f MB | %d |", report.openJourneys, report.residentKb / 1024.0, report.residentAfterGcKb / 1024.0,
        report.liveHeapKb / 1024.0, report.duplicateTranscripts);

    if (report.liveAnswers.size() > 1) {
      out("");
      out("### Live-call answers (issue 4), %d req/s", 50);
      out("");
      out("| endpoint | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | p50/no-op | p99/no-op |");
      out("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
      for (OpenLoad.Result r : report.liveAnswers) {
        out("| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.2f | %.2f |", r.name(), r.throughput(), r.millis(50), r.millis(99),
            r.millis(99.9), r.latencyMicros().getMaxValue() / 1000.0, r.failed(), r.millis(50) / noop.millis(50), r.millis(99) / noop.millis(99));
      }
      out("");
      out("(the no-op row of this table is the %d req/s no-op phase above)", options.rate());
    }
  }

  private static void actions(String when, JsonNode a) {
    out("| %s | %d | %d | %d | %d (%d) | %d | %d | %d | %d | %d | %d |", when, a.path("billableActions").asInt(), a.path("workflowStarts").asInt(),
        a.path("signals").asInt(), a.path("activities").asInt(), a.path("activityAttempts").asInt(), a.path("timers").asInt(),
        a.path("searchAttributeUpserts").asInt(), a.path("markers").asInt(), a.path("updates").asInt(), a.path("workflowTasks").asInt(),
        a.path("historyEvents").asInt());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
