package org.handoffengine.bench;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/** Prints one run's figures as the Markdown tables bench/RESULTS.md keeps. */
final class ResultsTable {

  private ResultsTable() {}

  static void print(Bench.Report report, BenchOptions options, double seconds) {
    OpenLoad.Result noop = report.acknowledgements.get(0);
    OpenLoad.Result noopMax = report.saturation.get(0);
    out("");
    out(
        "## Results, %s, %.0f s run, Chatwoot sandbox latency %d ms per call, failure rate %.2f",
        LocalDate.now(), seconds, options.chatwootLatency().toMillis(), options.failureRate());

    out("");
    out(
        "### 1-3. Webhook acknowledgement: open model at %d req/s (%d s), and the most each takes with %d requests in flight (%d s)",
        options.rate(), options.phase().toSeconds(), 32, options.saturation().toSeconds());
    out("");
    out(
        "| endpoint | done req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | max req/s | max vs no-op | p99 at max ms |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (int i = 0; i < report.acknowledgements.size(); i++) {
      OpenLoad.Result r = report.acknowledgements.get(i);
      OpenLoad.Result max = report.saturation.get(i);
      out(
          "| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %.2f | %.2f |",
          r.name(),
          r.throughput(),
          r.millis(50),
          r.millis(99),
          r.millis(99.9),
          r.latencyMicros().getMaxValue() / 1000.0,
          r.failed() + max.failed(),
          max.throughput(),
          max.throughput() / noopMax.throughput(),
          max.millis(99));
    }

    out("");
    out("### 4. End to end: report sent → its transcript message stored by the Chatwoot sandbox");
    out("");
    out("| load | journeys | p50 ms | p90 ms | p99 ms | max ms |");
    out("|---|--:|--:|--:|--:|--:|");
    for (Map.Entry<String, Histogram> e : report.endToEnd.entrySet()) {
      Histogram h = e.getValue();
      out(
          "| %s | %d | %.0f | %.0f | %.0f | %.0f |",
          e.getKey(),
          h.getTotalCount(),
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(90) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0);
    }

    out("");
    out("### 5. Temporal actions of a journey of one call, one conversation, no follow-up");
    out("");
    out(
        "| when | billable actions | starts | signals | activities (attempts) | timers | search-attribute upserts | markers | updates | workflow tasks (not billed) | history events |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    actions("waiting for its follow-up timer", report.actionsWaiting);
    actions("resolved by an agent (completed)", report.actionsResolved);

    out("");
    out("### 6. Engine memory");
    out("");
    out(
        "| open journeys waiting on follow-up timers | resident (RSS) | RSS after a full GC | live heap after a full GC | transcripts posted twice |");
    out("|--:|--:|--:|--:|--:|");
    out(
        "| %d | %.0f MB | %.0f MB | %.0f MB | %d |",
        report.openJourneys,
        report.residentKb / 1024.0,
        report.residentAfterGcKb / 1024.0,
        report.liveHeapKb / 1024.0,
        report.duplicateTranscripts);

    if (report.liveAnswers.size() > 1) {
      out("");
      out("### Live-call answers (issue 4), %d req/s", 50);
      out("");
      out(
          "| endpoint | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | p50/no-op | p99/no-op |");
      out("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
      for (OpenLoad.Result r : report.liveAnswers) {
        out(
            "| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.2f | %.2f |",
            r.name(),
            r.throughput(),
            r.millis(50),
            r.millis(99),
            r.millis(99.9),
            r.latencyMicros().getMaxValue() / 1000.0,
            r.failed(),
            r.millis(50) / noop.millis(50),
            r.millis(99) / noop.millis(99));
      }
      out("");
      out("(the no-op row of this table is the %d req/s no-op phase above)", options.rate());
    }
  }

  /**
   * The real-server run: every engine figure beside its same-run baseline, the ratio, the target.
   */
  static void printRealServer(
      RealServerBench.Report report, BenchOptions options, String temporal) {
    out("");
    out(
        "## Real server, %s, %.0f s run: %s; %d worker process(es); pinned: %s; Chatwoot latency %d ms; load average before %s, after %s",
        LocalDate.now(),
        report.seconds,
        temporal,
        options.workers(),
        options.pin() ? "server cpu 0, engine cpu 1" : "no",
        options.chatwootLatency().toMillis(),
        report.loadBefore,
        report.loadAfter);

    out("");
    out("### Acknowledgement: open model at %d/s, then %d in flight", options.rate(), 32);
    out("");
    out(
        "| endpoint | done req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | max req/s (32 in flight) | p99 at max ms |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (int i = 0; i < report.open.size(); i++) {
      OpenLoad.Result r = report.open.get(i);
      OpenLoad.Result max = report.saturated.get(i);
      out(
          "| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %.2f |",
          r.name(),
          r.throughput(),
          r.millis(50),
          r.millis(99),
          r.millis(99.9),
          r.latencyMicros().getMaxValue() / 1000.0,
          r.failed() + max.failed(),
          max.throughput(),
          max.millis(99));
    }

    out("");
    out("### End to end: report sent → its transcript stored by the Chatwoot sandbox");
    out("");
    out("| load | journeys | p50 ms | p90 ms | p99 ms | max ms |");
    out("|---|--:|--:|--:|--:|--:|");
    for (Map.Entry<String, Histogram> e : report.endToEnd.entrySet()) {
      Histogram h = e.getValue();
      out(
          "| %s | %d | %.0f | %.0f | %.0f | %.0f |",
          e.getKey(),
          h.getTotalCount(),
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(90) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0);
    }
    if (!report.timeline.isEmpty()) {
      out("");
      out(
          "Where a journey's time goes at 10/s (each step from the one before: its history's events, then its Chatwoot requests as the sandbox saw them):");
      out("");
      out("| step | p50 ms | p90 ms |");
      out("|---|--:|--:|");
      report.timeline.forEach(
          (step, h) ->
              out(
                  "| %s | %.1f | %.1f |",
                  step, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0));
    }
    out("");
    out(
        "Chatwoot calls per journey at 10/s (all of them, the note after the transcript included): %.2f",
        report.chatwootCallsPerJourney);
    out("");
    out(
        "One journey alone: %d Chatwoot calls up to and including its transcript; in order: %s",
        report.callsBeforeTranscript, String.join(", ", report.oneJourneyCalls));

    OpenLoad.Result sws = report.open.get(0);
    OpenLoad.Result ack = report.open.get(3);
    OpenLoad.Result swsMax = report.saturated.get(0);
    OpenLoad.Result ackMax = report.saturated.get(3);
    Histogram light = report.endToEnd.get("at 10 reports/s");
    JsonNode waiting = report.actionsWaiting;
    long worstRss = report.workerMemory.stream().mapToLong(m -> m[0]).max().orElse(-1);
    out("");
    out("### Targets (same run, same server)");
    out("");
    out("| target | engine | baseline (same run) | ratio | goal | met? |");
    out("|---|--:|--:|--:|--:|---|");
    target(
        "ack p99 at %d/s".formatted(options.rate()),
        ms(ack.millis(99)),
        "bare SWS " + ms(sws.millis(99)),
        ack.millis(99) / sws.millis(99),
        "≤ 1.5",
        ack.millis(99) <= 1.5 * sws.millis(99));
    target(
        "reports/s acknowledged, 32 in flight",
        "%.0f/s".formatted(ackMax.throughput()),
        "bare SWS %.0f/s".formatted(swsMax.throughput()),
        ackMax.throughput() / swsMax.throughput(),
        "≥ 0.8",
        ackMax.throughput() >= 0.8 * swsMax.throughput());
    target(
        "sustained journeys/s (64 in flight, %d s)".formatted(options.longRun() ? 60 : 15),
        "%.1f/s".formatted(report.journeysPerSecond),
        "trivial workflow, %d no-op activities: %.1f/s"
            .formatted(report.noopActivities, report.baselineJourneysPerSecond),
        report.journeysPerSecond / report.baselineJourneysPerSecond,
        "≥ 0.7",
        report.journeysPerSecond >= 0.7 * report.baselineJourneysPerSecond);
    double p50 = light.getValueAtPercentile(50) / 1000.0;
    target(
        "end to end p50 at 10/s, Chatwoot %d ms".formatted(options.chatwootLatency().toMillis()),
        ms(p50),
        "-",
        Double.NaN,
        "≤ 300 ms",
        p50 <= 300);
    target(
        "worker RSS, %,d open journeys on timers".formatted(report.openJourneys),
        "%.0f MB".formatted(worstRss / 1024.0),
        "-",
        Double.NaN,
        "≤ 400 MB",
        worstRss >= 0 && worstRss <= 400 * 1024);
    target(
        "billable actions while waiting",
        String.valueOf(waiting.path("billableActions").asInt()),
        "-",
        Double.NaN,
        "≤ 8",
        waiting.path("billableActions").asInt() <= 8);

    OpenLoad.Result paused = report.open.get(4);
    OpenLoad.Result pausedMax = report.saturated.get(4);
    out("");
    out(
        "With the worker paused (the same reports, no journey running on the server meanwhile): ack p99 at %d/s %s, %.2f × bare SWS; %.0f/s with 32 in flight, %.2f × bare SWS",
        options.rate(),
        ms(paused.millis(99)),
        paused.millis(99) / sws.millis(99),
        pausedMax.throughput(),
        pausedMax.throughput() / swsMax.throughput());
    out("");
    out("### Temporal actions of one journey (one call, one conversation, no follow-up)");
    out("");
    out(
        "| when | billable actions | starts | signals | activities (attempts) | timers | search-attribute upserts | markers | updates | workflow tasks (not billed) | history events |");
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    actions("waiting for its follow-up timer", report.actionsWaiting);
    actions("resolved by an agent (completed)", report.actionsResolved);

    out("");
    out(
        "### Memory with %,d open journeys waiting on follow-up timers (transcripts posted twice: %d)",
        report.openJourneys, report.duplicateTranscripts);
    out("");
    out("JVM options of both roles: %s", report.engineJvm);
    out("");
    out("| process | RSS | RSS after a full GC | live heap after a full GC | threads |");
    out("|---|--:|--:|--:|--:|");
    for (int w = 0; w < report.workerMemory.size(); w++) {
      long[] m = report.workerMemory.get(w);
      out(
          "| engine worker role %d | %.0f MB | %.0f MB | %.0f MB | %d |",
          w + 1, m[0] / 1024.0, m[1] / 1024.0, m[2] / 1024.0, m[3]);
    }
    out("| engine api role | %.0f MB | | | |", report.apiResidentKb / 1024.0);

    out("");
    out("### CPU by process and phase (%% of one core; the machine has 2)");
    out("");
    var names = report.cpu.values().iterator().next().keySet();
    out("| phase | " + String.join(" | ", names) + " |");
    out("|---|" + "--:|".repeat(names.size()));
    report.cpu.forEach(
        (phase, shares) -> {
          StringBuilder row = new StringBuilder("| " + phase + " |");
          shares.values().forEach(v -> row.append(String.format(Locale.ROOT, " %.0f |", v)));
          out("%s", row);
        });
    serverWork(report);
    if (!report.profiles.isEmpty()) {
      out("");
      out("Flight recordings of the measured phases: %s", String.join("; ", report.profiles));
    }
  }

  /**
   * The server's own counters per run of the phases marked where they are measured: those that
   * finish what they start (a bare signal-with-start, a trivial workflow, a journey in a closed
   * loop or at 10/s) and the reports acknowledged with the worker paused (the ack path alone).
   */
  private static void serverWork(RealServerBench.Report report) {
    Map<String, ServerWork.Phase> phases = new LinkedHashMap<>();
    report.server.forEach(
        (name, phase) -> {
          if (report.serverPerRun.contains(name) && phase.runs() > 0) {
            phases.put(name, phase);
          }
        });
    if (phases.isEmpty()) {
      return;
    }
    out("");
    out(
        "### Server work per run (the server's own Prometheus counters, per run the phase finished; worker paused: per report acknowledged)");
    out("");
    out("| per run | " + String.join(" | ", phases.keySet()) + " |");
    out("|---|" + "--:|".repeat(phases.size()));
    StringBuilder runs = new StringBuilder("| runs |");
    StringBuilder cpu = new StringBuilder("| server CPU ms |");
    phases.forEach(
        (name, phase) -> {
          runs.append(" %d |".formatted(phase.runs()));
          double share =
              report.cpu.getOrDefault(name, Map.of()).getOrDefault("temporal server", 0.0);
          cpu.append(
              String.format(
                  Locale.ROOT, " %.1f |", share / 100 * phase.seconds() * 1000 / phase.runs()));
        });
    out("%s", runs);
    out("%s", cpu);
    for (String prefix : List.of("frontend ", "history ", "matching ", "persistence ")) {
      row("all " + prefix + "calls", phases, p -> p.perRunStartingWith(prefix));
    }
    row("all persistence ms", phases, p -> p.perRunStartingWith("persistence-ms "));
    var keys = new TreeSet<String>();
    phases.values().forEach(p -> keys.addAll(p.counters().keySet()));
    keys.stream()
        .filter(k -> phases.values().stream().anyMatch(p -> p.perRun(k) >= 0.1))
        .sorted(
            Comparator.comparingDouble(
                (String k) ->
                    -phases.values().stream().mapToDouble(p -> p.perRun(k)).max().orElse(0)))
        .forEach(k -> row(k, phases, p -> p.perRun(k)));
  }

  private static void row(
      String what, Map<String, ServerWork.Phase> phases, ToDoubleFunction<ServerWork.Phase> value) {
    StringBuilder row = new StringBuilder("| " + what + " |");
    phases
        .values()
        .forEach(p -> row.append(String.format(Locale.ROOT, " %.2f |", value.applyAsDouble(p))));
    out("%s", row);
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }

  private static void target(
      String what, String engine, String baseline, double ratio, String goal, boolean met) {
    out(
        "| %s | %s | %s | %s | %s | %s |",
        what,
        engine,
        baseline,
        Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio),
        goal,
        met ? "met" : "**missed**");
  }

  private static void actions(String when, JsonNode a) {
    out(
        "| %s | %d | %d | %d | %d (%d) | %d | %d | %d | %d | %d | %d |",
        when,
        a.path("billableActions").asInt(),
        a.path("workflowStarts").asInt(),
        a.path("signals").asInt(),
        a.path("activities").asInt(),
        a.path("activityAttempts").asInt(),
        a.path("timers").asInt(),
        a.path("searchAttributeUpserts").asInt(),
        a.path("markers").asInt(),
        a.path("updates").asInt(),
        a.path("workflowTasks").asInt(),
        a.path("historyEvents").asInt());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
