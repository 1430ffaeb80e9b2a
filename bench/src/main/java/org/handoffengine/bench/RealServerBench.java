package org.handoffengine.bench;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import tools.jackson.databind.JsonNode;

/**
 * {@code --temporal dev|host:port}: the bench on a real Temporal server, each part its own process:
 * the server, the engine's api role, its worker role ({@code --workers N} processes), and this
 * process (load generator, Chatwoot and Vapi sandboxes, and the baselines' client and worker).
 * Every engine figure is set beside a baseline measured in the same run against the same server
 * ({@link TemporalBaselines}), and every phase says how much CPU each process took. {@code --pin}
 * puts the server on core 0 and the engine's processes on core 1.
 */
final class RealServerBench {

  private static final int IN_FLIGHT = 32;
  private static final int JOURNEYS_IN_FLIGHT = 64;

  private final BenchOptions options;
  private final Payloads payloads = new Payloads();
  private final OpenLoad load = new OpenLoad();
  private final ProcessCpu cpu = new ProcessCpu();
  private final AtomicInteger reportsSent = new AtomicInteger();
  private final AtomicInteger reportsAccepted = new AtomicInteger();
  private final AtomicInteger chatwootCalls = new AtomicInteger();
  private final Map<String, Map<String, Double>> cpuByPhase = new LinkedHashMap<>();
  private final Map<String, ServerWork.Phase> serverByPhase = new LinkedHashMap<>();
  private final Set<String> serverPerRun = new LinkedHashSet<>();
  private Optional<ServerWork> server = Optional.empty();
  private ChatwootSandbox chatwoot;
  private TranscriptWatch transcripts;
  private EngineProcess api;
  private final List<EngineProcess> workers = new ArrayList<>();
  private InlineSeedHandler inline;
  private TemporalBaselines baselines;
  private volatile JourneyTimeline timeline;

  private RealServerBench(BenchOptions options) {
    this.options = options;
  }

  static void run(BenchOptions options) throws Exception {
    new RealServerBench(options).run();
  }

  private static final Duration SERVER_IDLE_LIMIT = Duration.ofSeconds(60);

  private Duration phase() {
    return options.longRun() ? Duration.ofSeconds(20) : Duration.ofSeconds(5);
  }

  private Duration saturation() {
    return options.longRun() ? Duration.ofSeconds(10) : Duration.ofSeconds(3);
  }

  private Duration sustained() {
    return options.longRun() ? Duration.ofSeconds(60) : Duration.ofSeconds(15);
  }

  private Duration warmUp() {
    return options.longRun() ? Duration.ofSeconds(10) : Duration.ofSeconds(3);
  }

  /**
   * How long each load warms the engine before anything is measured. A fresh JVM compiles its hot
   * paths for minutes: measured after 75 reports (the warm-up before this one), the api role's JIT
   * compiler threads took 40 to 50 % of its CPU, the worker's likewise, and that was read as the
   * engine's cost per report. An engine in production runs for days.
   */
  private Duration engineWarmUp() {
    return Duration.ofSeconds(options.warmUpSeconds());
  }

  private void run() throws Exception {
    chatwoot = new ChatwootSandbox(Bench.CHATWOOT_TOKEN, 1);
    chatwoot.start();
    chatwoot.onRequest(r -> chatwootCalls.incrementAndGet());
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    transcripts = new TranscriptWatch(chatwoot);
    Path log = Files.createTempFile("handoff-engine-real", ".log");
    long started = System.nanoTime();
    try (BenchTemporal temporal =
        BenchTemporal.open(options.temporalTarget(), options.serverConfig())) {
      System.out.printf(
          Locale.ROOT,
          "Handoff Engine bench on a real server (%s): %s; %d req/s, %ds phases, Chatwoot latency %d ms, %d worker process(es), pinned %s, engine JVM options %s, server config %s; engine logs %s; load %s%n",
          options.longRun() ? "--long" : "short",
          temporal.describe(),
          options.rate(),
          phase().toSeconds(),
          options.chatwootLatency().toMillis(),
          options.workers(),
          options.pin() ? "server on cpu 0, engine on cpu 1" : "no",
          options.engineOptions(),
          options.serverConfig(),
          log,
          ProcessCpu.loadAverage());
      temporal.pid().ifPresent(pid -> cpu.watch("temporal server", pid));
      server = ServerWork.of(temporal.metricsUrl());
      try {
        for (int w = 1; w <= options.workers(); w++) {
          EngineProcess worker =
              new EngineProcess(
                  EngineProcess.defaultJar(),
                  settings(vapi, temporal.target(), "worker"),
                  engineJvm(),
                  log);
          workers.add(worker);
          cpu.watch(
              options.workers() == 1 ? "engine worker role" : "engine worker role " + w,
              worker.pid());
        }
        api =
            new EngineProcess(
                EngineProcess.defaultJar(),
                settings(vapi, temporal.target(), "api"),
                engineJvm(),
                log);
        cpu.watch("engine api role", api.pid());
        cpu.watch("bench (load, sandboxes, baselines)", ProcessHandle.current().pid());
        cpu.watchCompiler("of the api role: JIT compiler", api.pid());
        for (int w = 0; w < workers.size(); w++) {
          cpu.watchCompiler("of worker " + (w + 1) + ": JIT compiler", workers.get(w).pid());
        }
        if (options.pin()) {
          temporal.pid().ifPresent(pid -> ProcessCpu.pin(pid, "0"));
          ProcessCpu.pin(api.pid(), "1");
          workers.forEach(w -> ProcessCpu.pin(w.pid(), "1"));
        }
        inline =
            new InlineSeedHandler(
                chatwoot.baseUrl(),
                1,
                Bench.CHATWOOT_TOKEN,
                chatwoot.apiInboxId(),
                EngineProcess.VAPI_SECRET);
        baselines = new TemporalBaselines(temporal.target());
        chatwoot.faults().latency(options.chatwootLatency()).failureRate(options.failureRate());
        Report report = measure(log);
        report.seconds = (System.nanoTime() - started) / 1e9;
        ResultsTable.printRealServer(report, options, temporal.describe());
      } finally {
        if (baselines != null) {
          baselines.close();
        }
        if (inline != null) {
          inline.close();
        }
        if (api != null) {
          api.close();
        }
        workers.forEach(EngineProcess::close);
      }
    } finally {
      chatwoot.close();
      vapi.close();
    }
  }

  private Report measure(Path log) throws Exception {
    Report report = new Report();
    report.loadBefore = ProcessCpu.loadAverage();
    progress(
        "warming up: "
            + engineWarmUp().toSeconds()
            + " s per load at "
            + options.rate() / 2
            + "/s, twice, then the journeys recorded");
    for (int round = 1; round <= 2; round++) {
      // The second round's CPU row says whether the JIT compilers have settled.
      measured(
          "warm-up round " + round,
          () -> {
            load.run(
                "warm-up",
                options.rate() / 2,
                engineWarmUp(),
                (i, due) -> baselines.signalWithStartAsync());
            load.run("warm-up", options.rate(), engineWarmUp(), this::noop, s -> s == 200);
            load.run("warm-up", options.rate() / 2, engineWarmUp(), this::report, this::accepted);
            awaitJourneysRecorded();
            return null;
          });
    }
    Profile profile = options.profile() ? Profile.start(log.getParent(), api, workers) : null;

    progress(
        "acknowledgements: open model at "
            + options.rate()
            + "/s, "
            + phase().toSeconds()
            + " s each");
    report.open.add(
        measured(
            perRun("bare signal-with-start (baseline)"),
            () ->
                load.run(
                    "bare signal-with-start (baseline)",
                    options.rate(),
                    phase(),
                    (i, due) -> baselines.signalWithStartAsync())));
    report.open.add(
        measured(
            "no-op endpoint (same engine)",
            () ->
                load.run(
                    "no-op endpoint (same engine)",
                    options.rate(),
                    phase(),
                    this::noop,
                    s -> s == 200)));
    report.open.add(
        measured(
            "inline seed pattern",
            () ->
                load.run(
                    "inline seed pattern (3 Chatwoot calls)",
                    options.rate(),
                    phase(),
                    this::inlineReport,
                    s -> s == 200)));
    transcripts.restart();
    report.open.add(
        measured(
            "end-of-call-report at " + options.rate() + "/s",
            () ->
                load.run(
                    "end-of-call-report (engine)",
                    options.rate(),
                    phase(),
                    this::report,
                    this::accepted)));
    awaitJourneysRecorded();
    report.endToEnd.put("at " + options.rate() + " reports/s", transcripts.restart());
    report.open.add(
        measured(
            perRun("end-of-call-report, worker paused"),
            () ->
                withWorkersPaused(
                    () ->
                        load.run(
                            "end-of-call-report, worker paused",
                            options.rate(),
                            phase(),
                            this::report,
                            this::accepted))));
    awaitJourneysRecorded();
    transcripts.restart();

    progress(
        "acknowledgements: " + IN_FLIGHT + " in flight, " + saturation().toSeconds() + " s each");
    report.saturated.add(
        measured(
            "bare signal-with-start, 32 in flight",
            () ->
                load.saturate(
                    "bare signal-with-start (baseline)",
                    IN_FLIGHT,
                    saturation(),
                    (i, due) -> baselines.signalWithStart())));
    report.saturated.add(
        load.saturate(
            "no-op endpoint (same engine)", IN_FLIGHT, saturation(), this::noop, s -> s == 200));
    report.saturated.add(
        load.saturate(
            "inline seed pattern (3 Chatwoot calls)",
            IN_FLIGHT,
            saturation(),
            this::inlineReport,
            s -> s == 200));
    report.saturated.add(
        measured(
            "end-of-call-report, 32 in flight",
            () ->
                load.saturate(
                    "end-of-call-report (engine)",
                    IN_FLIGHT,
                    saturation(),
                    this::report,
                    this::accepted)));
    awaitJourneysRecorded();
    transcripts.restart();
    report.saturated.add(
        measured(
            "end-of-call-report, 32 in flight, worker paused",
            () ->
                withWorkersPaused(
                    () ->
                        load.saturate(
                            "end-of-call-report, worker paused",
                            IN_FLIGHT,
                            saturation(),
                            this::report,
                            this::accepted))));
    awaitJourneysRecorded();
    transcripts.restart();

    progress("end to end at 10 reports/s, " + phase().multipliedBy(2).toSeconds() + " s");
    int callsBefore = chatwootCalls.get();
    int recordedBefore = transcripts.transcripts();
    timeline = new JourneyTimeline(chatwoot);
    measured(
        perRun("end-of-call-report at 10/s"),
        () ->
            load.run(
                "end-of-call-report (light load)",
                10,
                phase().multipliedBy(2),
                this::report,
                this::accepted));
    awaitJourneysRecorded();
    report.endToEnd.put("at 10 reports/s", transcripts.restart());
    int lightJourneys = transcripts.transcripts() - recordedBefore;
    // Settled: each journey's last call (the call-details note) follows its transcript.
    awaitQuiet();
    report.chatwootCallsPerJourney = (chatwootCalls.get() - callsBefore) / (double) lightJourneys;
    report.timeline = timeline.segments(baselines.client());
    timeline = null;

    progress("one journey alone: its Chatwoot calls and its Temporal actions");
    String phone = probeOneJourney(report);
    JourneyActions actions = new JourneyActions(api, chatwoot);
    report.actionsWaiting = actions.whenWaiting(Bench.journeyOf(phone));
    // The baseline runs as many no-op activities as that journey made Chatwoot calls.
    int steps = report.oneJourneyCalls.size();

    progress(
        "sustained journeys: "
            + JOURNEYS_IN_FLIGHT
            + " in flight, "
            + warmUp().toSeconds()
            + " s warm-up, then "
            + sustained().toSeconds()
            + " s; baseline of "
            + steps
            + " no-op activities first");
    report.noopActivities = steps;
    report.baselineJourneysPerSecond =
        measuredRate(
            "trivial workflow, " + steps + " no-op activities",
            this::sustainBaseline,
            baselines::finished,
            steps);
    report.journeysPerSecond =
        measuredRate("journeys (engine)", this::sustainJourneys, transcripts::transcripts, steps);
    awaitJourneysRecorded();
    transcripts.restart();
    if (profile != null) {
      report.profiles = profile.stop();
    }

    int open = reportsAccepted.get();
    if (open < options.journeys()) {
      int more = options.journeys() - open;
      progress(
          "opening "
              + more
              + " more journeys to reach "
              + options.journeys()
              + " ("
              + JOURNEYS_IN_FLIGHT
              + " in flight)");
      // At least 5 journeys a second: 10,000 open journeys take up to half an hour.
      sustain(more, Duration.ofSeconds(Math.max(options.longRun() ? 480 : 180, more / 5)));
      awaitJourneysRecorded();
    }
    report.openJourneys = reportsAccepted.get();
    actions.awaitWaiting(
        Bench.journeyOf(phone)); // every recorded journey then waits on its timer, as this one does
    report.duplicateTranscripts = transcripts.duplicates();
    for (EngineProcess worker : workers) {
      long rss = worker.residentKilobytes();
      long live = worker.liveHeapKilobytesAfterGc();
      report.workerMemory.add(new long[] {rss, worker.residentKilobytes(), live, worker.threads()});
    }
    report.apiResidentKb = api.residentKilobytes();
    report.engineJvm = engineJvm();
    report.actionsResolved = actions.afterResolving(Bench.journeyOf(phone), phone);
    report.loadAfter = ProcessCpu.loadAverage();
    report.cpu = cpuByPhase;
    report.server = serverByPhase;
    report.serverPerRun = serverPerRun;
    return report;
  }

  /**
   * One report on a quiet engine: the Chatwoot calls its journey makes, in order, until the last
   * one (the call-details note after the transcript).
   */
  private String probeOneJourney(Report report) throws Exception {
    int from = chatwoot.requests().size();
    int expected = reportsAccepted.get() + 1;
    int n = reportsSent.get() + 1;
    awaitQuiet(); // the journeys before it have made their last calls
    var answer =
        http.send(
            report(0, System.nanoTime()), java.net.http.HttpResponse.BodyHandlers.discarding());
    if (!accepted(answer.statusCode())) {
      throw new IllegalStateException("the probe's report was answered " + answer.statusCode());
    }
    chatwoot.awaitUntil(
        "the probe's transcript",
        () -> transcripts.transcripts() >= expected,
        Duration.ofMinutes(2));
    awaitQuiet();
    var requests = chatwoot.requests();
    boolean transcriptSeen = false;
    for (var r : requests.subList(from, requests.size())) {
      String call =
          r.method()
              + " "
              + r.path().replaceAll("/\\d+", "/{id}").replaceFirst("^/api/v1/accounts/\\{id}", "");
      report.oneJourneyCalls.add(call);
      if (!transcriptSeen) {
        report.callsBeforeTranscript++;
      }
      transcriptSeen |= r.body() != null && r.body().contains(":transcript");
    }
    return Bench.phone(n);
  }

  // --- Sustained journeys -----------------------------------------------------------------------

  /** Journeys per second in steady state: a warm-up, then the count over the measured window. */
  private double measuredRate(String name, SustainedLoad run, IntSupplier finished, int steps) {
    int before = finished.getAsInt();
    double rate = measured(perRun(name), () -> run.run(steps, finished));
    serverByPhase.computeIfPresent(name, (n, work) -> work.per(finished.getAsInt() - before));
    return rate;
  }

  @FunctionalInterface
  private interface SustainedLoad {
    Double run(int steps, IntSupplier finished) throws Exception;
  }

  private Double sustainBaseline(int steps, IntSupplier finished) throws Exception {
    Semaphore slots = new Semaphore(JOURNEYS_IN_FLIGHT);
    baselines.releaseOnFinish(slots);
    return closedLoop(slots, finished, () -> baselines.startNoopActivities(steps));
  }

  private Double sustainJourneys(int steps, IntSupplier finished) throws Exception {
    Semaphore slots = new Semaphore(JOURNEYS_IN_FLIGHT);
    transcripts.onTranscript(slots::release);
    try {
      return closedLoop(slots, finished, this::sendReport);
    } finally {
      transcripts.onTranscript(() -> {});
    }
  }

  /**
   * Keeps {@code slots} runs in flight; returns runs finished per second over the measured window.
   */
  private double closedLoop(Semaphore slots, IntSupplier finished, Starter start) throws Exception {
    long warmEnd = System.nanoTime() + warmUp().toNanos();
    long end = warmEnd + sustained().toNanos();
    int atWarmEnd = -1;
    long measuredFrom = 0;
    while (System.nanoTime() < end) {
      if (atWarmEnd < 0 && System.nanoTime() >= warmEnd) {
        atWarmEnd = finished.getAsInt();
        measuredFrom = System.nanoTime();
      }
      if (slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        start.start();
      }
    }
    return (finished.getAsInt() - atWarmEnd) / ((System.nanoTime() - measuredFrom) / 1e9);
  }

  @FunctionalInterface
  private interface Starter {
    void start() throws Exception;
  }

  /** {@code count} more journeys, {@link #JOURNEYS_IN_FLIGHT} at a time. */
  private void sustain(int count, Duration patience) throws Exception {
    Semaphore slots = new Semaphore(JOURNEYS_IN_FLIGHT);
    transcripts.onTranscript(slots::release);
    try {
      long deadline = System.nanoTime() + patience.toNanos();
      for (int i = 0; i < count && System.nanoTime() < deadline; ) {
        if (slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
          sendReport();
          i++;
        }
      }
    } finally {
      transcripts.onTranscript(() -> {});
    }
  }

  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

  private void sendReport() {
    http.sendAsync(
            report(0, System.nanoTime()), java.net.http.HttpResponse.BodyHandlers.discarding())
        .thenAccept(response -> accepted(response.statusCode()));
  }

  // --- CPU per phase ----------------------------------------------------------------------------

  @FunctionalInterface
  private interface Phase<T> {
    T run() throws Exception;
  }

  /**
   * Marks a phase whose server work reads per run: it finishes what it starts (or, worker paused,
   * counts the acknowledgements), so the counters divide by its runs.
   */
  private String perRun(String phase) {
    serverPerRun.add(phase);
    return phase;
  }

  private <T> T measured(String name, Phase<T> phase) {
    awaitServerIdle(name);
    ProcessCpu.Snapshot before = cpu.snapshot();
    Map<String, Double> serverBefore = server.map(ServerWork::snapshot).orElse(Map.of());
    long startedAt = System.nanoTime();
    try {
      T result = phase.run();
      cpuByPhase.put(name, cpu.snapshot().sharesSince(before));
      // A scrape that failed leaves the phase out rather than counting the server's whole life.
      server
          .filter(work -> !serverBefore.isEmpty())
          .ifPresent(
              work ->
                  serverByPhase.put(
                      name,
                      new ServerWork.Phase(
                          ServerWork.since(serverBefore, work.snapshot()),
                          result instanceof OpenLoad.Result r ? r.sent() - r.failed() : 0,
                          (System.nanoTime() - startedAt) / 1e9)));
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- Requests ---------------------------------------------------------------------------------

  private HttpRequest noop(int i, long due) {
    return OpenLoad.post(api.uri("/bench/noop"), "{\"message\":{\"type\":\"noop\"}}");
  }

  private HttpRequest report(int i, long due) {
    int n = reportsSent.incrementAndGet();
    String callId = "bench-call-" + n;
    transcripts.reportDue(callId, due);
    JourneyTimeline recording = timeline;
    if (recording != null) {
      recording.reportDue(callId, Bench.phone(n), Bench.journeyOf(Bench.phone(n)), due);
    }
    return OpenLoad.post(
        api.uri("/webhooks/vapi"),
        payloads.endOfCallReport(callId, Bench.phone(n)),
        "X-Vapi-Secret",
        EngineProcess.VAPI_SECRET);
  }

  private HttpRequest inlineReport(int i, long due) {
    String phone = String.format(Locale.ROOT, "+1416%07d", i);
    return OpenLoad.post(
        inline.uri(),
        payloads.endOfCallReport("inline-call-" + i, phone),
        "X-Vapi-Secret",
        EngineProcess.VAPI_SECRET);
  }

  private boolean accepted(int status) {
    if (status == 200) {
      reportsAccepted.incrementAndGet();
      return true;
    }
    return false;
  }

  // --- Waiting ----------------------------------------------------------------------------------

  /**
   * Runs an acknowledgement phase with the worker processes stopped: every report is still a
   * durable signal-with-start, but no journey runs on the server meanwhile. Beside the same phase
   * with the worker on, it splits the acknowledgement time into the path itself (the api role and
   * the server's start) and the server time the journeys started earlier take from it.
   */
  private <T> T withWorkersPaused(Phase<T> phase) throws Exception {
    workers.forEach(EngineProcess::pause);
    try {
      return phase.run();
    } finally {
      workers.forEach(EngineProcess::resume);
    }
  }

  private void awaitJourneysRecorded() {
    transcripts.awaitRecorded(reportsAccepted::get, what -> progress(what));
  }

  /** Every measured phase starts on a server with nothing left over from the phase before. */
  private void awaitServerIdle(String phase) {
    if (server.isEmpty()) {
      return;
    }
    try {
      Duration waited = server.get().awaitIdle(SERVER_IDLE_LIMIT);
      if (waited.compareTo(Duration.ofSeconds(1)) > 0) {
        progress(
            String.format(
                Locale.ROOT,
                "%s: waited %.1f s for the server to finish earlier work%s",
                phase,
                waited.toMillis() / 1000.0,
                waited.equals(SERVER_IDLE_LIMIT) ? " (still busy, measured anyway)" : ""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Until Chatwoot has heard nothing for a second: the last journeys' follow-up notes are in. */
  private void awaitQuiet() throws InterruptedException {
    int last = -1;
    while (chatwootCalls.get() != last) {
      last = chatwootCalls.get();
      Thread.sleep(
          1000); // the bench waits for other processes' traffic to end, not a test for a workflow
    }
  }

  private static void progress(String what) {
    System.out.printf(
        Locale.ROOT,
        "%tT %s (load %s)%n",
        System.currentTimeMillis(),
        what,
        ProcessCpu.loadAverage());
  }

  /**
   * Both roles' JVMs as production runs them: the options file the image and the README's run
   * command use ({@link EngineProcess#productionJvmOptions}), then the run's {@code
   * --engine-option}s, which win where they overlap.
   */
  private List<String> engineJvm() {
    List<String> jvm = new ArrayList<>(EngineProcess.productionJvmOptions());
    jvm.addAll(options.engineOptions());
    return jvm;
  }

  private Map<String, String> settings(VapiSandbox vapi, String target, String role) {
    Map<String, String> settings = Bench.settings(chatwoot, vapi);
    settings.put("handoff.roles", role);
    settings.put("spring.temporal.connection.target", target);
    settings.put("handoff.temporal.search-attributes", "true");
    return settings;
  }

  /** Java Flight Recordings of the api and worker roles over the measured phases, by jcmd. */
  private record Profile(Path directory, Map<String, Long> pids) {
    static Profile start(Path directory, EngineProcess api, List<EngineProcess> workers) {
      Map<String, Long> pids = new LinkedHashMap<>();
      pids.put("api", api.pid());
      for (int w = 0; w < workers.size(); w++) {
        pids.put("worker-" + (w + 1), workers.get(w).pid());
      }
      pids.forEach((role, pid) -> jcmd(pid, "JFR.start", "name=bench", "settings=profile"));
      return new Profile(directory, pids);
    }

    List<String> stop() {
      List<String> files = new ArrayList<>();
      pids.forEach(
          (role, pid) -> {
            Path file = directory.resolve("handoff-bench-" + role + "-" + pid + ".jfr");
            jcmd(pid, "JFR.stop", "name=bench", "filename=" + file);
            files.add(role + ": " + file);
          });
      return files;
    }

    private static void jcmd(long pid, String... command) {
      List<String> line =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  String.valueOf(pid)));
      line.addAll(List.of(command));
      try {
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
      } catch (Exception e) {
        throw new IllegalStateException(
            "jcmd " + String.join(" ", command) + " failed for pid " + pid, e);
      }
    }
  }

  /** Everything one real-server run measured. */
  static final class Report {
    final List<OpenLoad.Result> open = new ArrayList<>();
    final List<OpenLoad.Result> saturated = new ArrayList<>();
    final Map<String, Histogram> endToEnd = new LinkedHashMap<>();
    Map<String, Map<String, Double>> cpu;
    Map<String, ServerWork.Phase> server = Map.of();
    Set<String> serverPerRun = Set.of();
    Map<String, Histogram> timeline = Map.of();
    double chatwootCallsPerJourney;
    final List<String> oneJourneyCalls = new ArrayList<>();
    int callsBeforeTranscript;
    int noopActivities;
    double baselineJourneysPerSecond;
    double journeysPerSecond;
    JsonNode actionsWaiting;
    JsonNode actionsResolved;
    int openJourneys;
    int duplicateTranscripts;
    final List<long[]> workerMemory = new ArrayList<>();
    long apiResidentKb;
    List<String> engineJvm;
    List<String> profiles = List.of();
    String loadBefore;
    String loadAfter;
    double seconds;
  }
}
