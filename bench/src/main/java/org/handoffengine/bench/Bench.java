package org.handoffengine.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.workflows.journey.CustomerKey;
import org.handoffengine.workflows.journey.JourneyIds;
import tools.jackson.databind.JsonNode;

/**
 * {@code java -jar bench/target/handoff-bench.jar [--long] [--rate N] [--latency-ms N]
 * [--failure-rate F] [--journeys N] [--profile] [--worker-off] [--drill contact-burst]}: the engine
 * jar on its embedded Temporal against in-process Chatwoot and Vapi sandboxes, every figure side by
 * side with a no-op endpoint of the same engine and with the inline pattern the engine replaced, in
 * one run. With {@code --temporal dev|host:port} the run is {@link RealServerBench}: a real server,
 * the engine's roles in processes of their own, and the server's own ceilings as baselines.
 */
public final class Bench {

  static final String CHATWOOT_TOKEN = "bench-chatwoot-token";
  static final String CHATWOOT_SECRET = "bench-chatwoot-secret";
  private static final int LIVE_JOURNEYS = 50;
  private static final int LIVE_RATE = 50;
  private static final int SATURATION_IN_FLIGHT = 32;

  private final BenchOptions options;
  private final Payloads payloads = new Payloads();
  private final OpenLoad load = new OpenLoad();
  private final AtomicInteger reportsSent = new AtomicInteger();
  private final AtomicInteger reportsAccepted = new AtomicInteger();
  private ChatwootSandbox chatwoot;
  private EngineProcess engine;
  private InlineSeedHandler inline;
  private TranscriptWatch transcripts;

  private Bench(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    if ("contact-burst".equals(options.drill())) {
      ContactBurstDrill.run(options, args);
      return;
    }
    if (options.workerOff()) {
      AckWithoutWorker.run(options);
      return;
    }
    if (options.realTemporal()) {
      RealServerBench.run(options);
      return;
    }
    new Bench(options).run();
  }

  private void run() throws Exception {
    chatwoot = new ChatwootSandbox(CHATWOOT_TOKEN, 1);
    chatwoot.start();
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    transcripts = new TranscriptWatch(chatwoot);
    Path log = Files.createTempFile("handoff-engine-bench", ".log");
    List<String> jvm = new ArrayList<>(options.engineOptions());
    Path recording = null;
    if (options.profile()) {
      recording = Files.createTempFile("handoff-engine-bench", ".jfr");
      jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
    }
    System.out.printf(
        Locale.ROOT,
        "Handoff Engine bench (%s): %d req/s, %ds phases, Chatwoot latency %d ms, failure rate %.2f, %d open journeys, engine JVM options %s; engine log %s%n",
        options.longRun() ? "--long" : "short",
        options.rate(),
        options.phase().toSeconds(),
        options.chatwootLatency().toMillis(),
        options.failureRate(),
        options.journeys(),
        jvm,
        log);
    long started = System.nanoTime();
    try (EngineProcess engine =
            new EngineProcess(EngineProcess.defaultJar(), settings(chatwoot, vapi), jvm, log);
        InlineSeedHandler inline =
            new InlineSeedHandler(
                chatwoot.baseUrl(),
                1,
                CHATWOOT_TOKEN,
                chatwoot.apiInboxId(),
                EngineProcess.VAPI_SECRET)) {
      this.engine = engine;
      this.inline = inline;
      // Platform latency and failures apply from the first report on, seed included.
      chatwoot.faults().latency(options.chatwootLatency()).failureRate(options.failureRate());
      Report report = measure();
      report.print(options, (System.nanoTime() - started) / 1e9);
      if (recording != null) {
        System.out.println(
            "engine flight recording: "
                + recording
                + " (jfr print --events jdk.ExecutionSample "
                + recording
                + ")");
      }
    } finally {
      chatwoot.close();
      vapi.close();
    }
  }

  private Report measure() {
    Report report = new Report();
    progress("seeding " + LIVE_JOURNEYS + " journeys for the live-call answers");
    load.run("seed", 25, Duration.ofSeconds(LIVE_JOURNEYS / 25), this::report, this::accepted);
    awaitJourneysRecorded();

    progress("warming up");
    for (boolean measuring : new boolean[] {false, true}) {
      Duration length = measuring ? options.phase() : options.warmUp();
      int rate = measuring ? options.rate() : options.rate() / 4;
      if (measuring) {
        progress(
            "measuring at " + options.rate() + " req/s, " + length.toSeconds() + " s per endpoint");
      }
      // The inline pattern goes before the reports: it must not queue behind the worker's backlog
      // of journeys at the shared Chatwoot sandbox.
      OpenLoad.Result noop =
          load.run("no-op endpoint (same engine)", rate, length, this::noop, s -> s == 200);
      OpenLoad.Result seed =
          load.run(
              "inline seed pattern (3 Chatwoot calls)",
              rate,
              length,
              this::inlineReport,
              s -> s == 200);
      transcripts.restart();
      OpenLoad.Result reports =
          load.run("end-of-call-report (engine)", rate, length, this::report, this::accepted);
      awaitJourneysRecorded();
      Histogram endToEnd = transcripts.restart();
      List<OpenLoad.Result> live = new ArrayList<>();
      if (payloads.hasLiveCallSamples()) {
        Duration liveLength = length.dividedBy(2);
        live.add(
            load.run(
                "assistant-request", LIVE_RATE, liveLength, this::assistantRequest, s -> s == 200));
        live.add(
            load.run(
                "tool-calls (lookupCustomer)", LIVE_RATE, liveLength, this::lookup, s -> s == 200));
      }
      if (measuring) {
        report.acknowledgements.addAll(List.of(noop, reports, seed));
        report.liveAnswers.add(noop);
        report.liveAnswers.addAll(live);
        report.endToEnd.put("at " + options.rate() + " reports/s", endToEnd);
      }
    }

    progress("end to end at a light load (10 reports/s)");
    load.run(
        "end-of-call-report (light load)",
        10,
        options.phase().multipliedBy(2),
        this::report,
        this::accepted);
    awaitJourneysRecorded();
    report.endToEnd.put("at 10 reports/s", transcripts.restart());

    progress(
        "saturating each endpoint with "
            + SATURATION_IN_FLIGHT
            + " requests in flight, "
            + options.saturation().toSeconds()
            + " s each");
    OpenLoad.Result noopMax =
        load.saturate(
            "no-op endpoint (same engine)",
            SATURATION_IN_FLIGHT,
            options.saturation(),
            this::noop,
            s -> s == 200);
    OpenLoad.Result seedMax =
        load.saturate(
            "inline seed pattern (3 Chatwoot calls)",
            SATURATION_IN_FLIGHT,
            options.saturation(),
            this::inlineReport,
            s -> s == 200);
    OpenLoad.Result reportMax =
        load.saturate(
            "end-of-call-report (engine)",
            SATURATION_IN_FLIGHT,
            options.saturation(),
            this::report,
            this::accepted);
    report.saturation.addAll(List.of(noopMax, reportMax, seedMax));
    awaitJourneysRecorded();
    transcripts.restart();

    progress("counting Temporal actions of one journey");
    JourneyActions actions = new JourneyActions(engine, chatwoot);
    String phone =
        phone(LIVE_JOURNEYS + 1); // the first warm-up report: never queried or signalled since
    report.actionsWaiting = actions.whenWaiting(journeyOf(phone));
    report.actionsResolved = actions.afterResolving(journeyOf(phone), phone);

    int open = reportsAccepted.get() - 1;
    if (open < options.journeys()) {
      int more = options.journeys() - open;
      progress("opening " + more + " more journeys to reach " + options.journeys());
      int rate = Math.max(options.rate(), 200);
      load.run(
          "top-up", rate, Duration.ofMillis(more * 1000L / rate), this::report, this::accepted);
      awaitJourneysRecorded();
    }
    report.openJourneys = reportsAccepted.get() - 1;
    actions.awaitWaiting(journeyOf(phone(reportsSent.get())));
    report.duplicateTranscripts = transcripts.duplicates();
    report.residentKb = engine.residentKilobytes();
    report.liveHeapKb = engine.liveHeapKilobytesAfterGc();
    report.residentAfterGcKb = engine.residentKilobytes();
    return report;
  }

  // --- Requests ---------------------------------------------------------------------------------

  private HttpRequest noop(int i, long due) {
    return OpenLoad.post(engine.uri("/bench/noop"), "{\"message\":{\"type\":\"noop\"}}");
  }

  /** Each report is a new caller: one call, one journey, one conversation. */
  private HttpRequest report(int i, long due) {
    int n = reportsSent.incrementAndGet();
    String callId = "bench-call-" + n;
    transcripts.reportDue(callId, due);
    return OpenLoad.post(
        engine.uri("/webhooks/vapi"),
        payloads.endOfCallReport(callId, phone(n)),
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

  /**
   * Callers of the inline pattern have numbers of their own, so both paths create every contact.
   */
  private HttpRequest inlineReport(int i, long due) {
    String phone = String.format(Locale.ROOT, "+1416%07d", i);
    return OpenLoad.post(
        inline.uri(),
        payloads.endOfCallReport("inline-call-" + i, phone),
        "X-Vapi-Secret",
        EngineProcess.VAPI_SECRET);
  }

  private HttpRequest assistantRequest(int i, long due) {
    return OpenLoad.post(
        engine.uri("/webhooks/vapi"),
        payloads.assistantRequest("bench-ring-" + i, phone(1 + i % LIVE_JOURNEYS)),
        "X-Vapi-Secret",
        EngineProcess.VAPI_SECRET);
  }

  private HttpRequest lookup(int i, long due) {
    return OpenLoad.post(
        engine.uri("/webhooks/vapi"),
        payloads.lookupCustomer("bench-live-" + i, phone(1 + i % LIVE_JOURNEYS), "bench-tool-" + i),
        "X-Vapi-Secret",
        EngineProcess.VAPI_SECRET);
  }

  static String phone(int n) {
    return String.format(Locale.ROOT, "+1415%07d", n);
  }

  static String journeyOf(String phone) {
    return JourneyIds.forCustomerKey(null, new CustomerKey(ID_KEY).of(phone));
  }

  // --- Waiting ----------------------------------------------------------------------------------

  /**
   * Until every accepted report's transcript is in Chatwoot, saying how far it got now and then.
   */
  private void awaitJourneysRecorded() {
    transcripts.awaitRecorded(reportsAccepted::get, what -> progress(what));
  }

  private static void progress(String what) {
    System.out.printf(Locale.ROOT, "%tT %s%n", System.currentTimeMillis(), what);
  }

  /** The bench's own keys, not secrets: every run's data is thrown away. */
  static final String ENCRYPTION_KEY = "YmVuY2gtcGF5bG9hZC1rZXktMzItYnl0ZXMtbG9uZyE=";

  static final String ID_KEY = "bench-privacy-id-key-0123456789abcdef";

  static Map<String, String> settings(ChatwootSandbox chatwoot, VapiSandbox vapi) {
    Map<String, String> settings = new HashMap<>();
    settings.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    settings.put("handoff.chatwoot.api-token", CHATWOOT_TOKEN);
    settings.put("handoff.chatwoot.account-id", "1");
    settings.put("handoff.chatwoot.inbox-id", String.valueOf(chatwoot.apiInboxId()));
    settings.put("handoff.chatwoot.webhook-secret", CHATWOOT_SECRET);
    settings.put("handoff.vapi.base-url", vapi.baseUrl());
    settings.put("handoff.vapi.api-key", "bench-vapi-key");
    settings.put("handoff.vapi.assistant-id", "6c2b9e41-0a7d-4f3e-8b15-d9c4e2a7f018");
    settings.put("handoff.vapi.phone-number-id", "a17f3c9e-2d4b-4e6a-9c81-5b0d7e3f2a64");
    // As production runs: payloads encrypted, journeys named by the customer's keyed hash, and
    // lookups by number trying the ids journeys had before hashing
    // (handoff.privacy.legacy-lookups).
    settings.put("handoff.encryption.key-id", "bench");
    settings.put("handoff.encryption.keys.bench", ENCRYPTION_KEY);
    settings.put("handoff.privacy.id-key", ID_KEY);
    return settings;
  }

  static URI chatwootWebhook(EngineProcess engine) {
    return engine.uri("/webhooks/chatwoot?token=" + CHATWOOT_SECRET);
  }

  /** Everything one run measured, printed as the tables of bench/RESULTS.md. */
  static final class Report {
    final List<OpenLoad.Result> acknowledgements = new ArrayList<>();
    final List<OpenLoad.Result> saturation = new ArrayList<>();
    final List<OpenLoad.Result> liveAnswers = new ArrayList<>();
    final Map<String, Histogram> endToEnd = new LinkedHashMap<>();
    JsonNode actionsWaiting;
    JsonNode actionsResolved;
    int openJourneys;
    int duplicateTranscripts;
    long residentKb;
    long residentAfterGcKb;
    long liveHeapKb;

    void print(BenchOptions options, double seconds) {
      ResultsTable.print(this, options, seconds);
    }
  }
}
