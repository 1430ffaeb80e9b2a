package org.handoffengine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;

/**
 * {@code --worker-off}: the acknowledgement path alone. The engine runs its api role only, on its
 * embedded Temporal, so every report is a durable signal-with-start that no worker picks up. Set
 * beside the full run, it tells how much of the report's acknowledgement time is the worker's
 * competition for the same cores and the same in-process server, and how much the path itself.
 */
final class AckWithoutWorker {

  private static final int IN_FLIGHT = 32;

  private AckWithoutWorker() {}

  static void run(BenchOptions options) throws Exception {
    ChatwootSandbox chatwoot = new ChatwootSandbox(Bench.CHATWOOT_TOKEN, 1);
    chatwoot.start();
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    Path log = Files.createTempFile("handoff-engine-ack", ".log");
    Map<String, String> settings = Bench.settings(chatwoot, vapi);
    settings.put("handoff.roles", "api");
    Payloads payloads = new Payloads();
    AtomicInteger callers = new AtomicInteger();
    System.out.printf(
        Locale.ROOT,
        "Acknowledgement without a worker: %d req/s, %ds phases; engine log %s%n",
        options.rate(),
        options.phase().toSeconds(),
        log);
    try (EngineProcess engine =
        new EngineProcess(EngineProcess.defaultJar(), settings, options.engineOptions(), log)) {
      OpenLoad load = new OpenLoad();
      OpenLoad.Requests noop =
          (i, due) -> OpenLoad.post(engine.uri("/bench/noop"), "{\"message\":{\"type\":\"noop\"}}");
      OpenLoad.Requests report =
          (i, due) -> {
            int n = callers.incrementAndGet();
            return OpenLoad.post(
                engine.uri("/webhooks/vapi"),
                payloads.endOfCallReport("ack-call-" + n, Bench.phone(n)),
                "X-Vapi-Secret",
                EngineProcess.VAPI_SECRET);
          };
      load.run("warm-up", options.rate() / 4, options.warmUp(), noop, s -> s == 200);
      load.run("warm-up", options.rate() / 4, options.warmUp(), report, s -> s == 200);
      List<OpenLoad.Result> open =
          List.of(
              load.run(
                  "no-op endpoint (same engine)",
                  options.rate(),
                  options.phase(),
                  noop,
                  s -> s == 200),
              load.run(
                  "end-of-call-report, api role only",
                  options.rate(),
                  options.phase(),
                  report,
                  s -> s == 200));
      List<OpenLoad.Result> max =
          List.of(
              load.saturate(
                  "no-op endpoint (same engine)",
                  IN_FLIGHT,
                  options.saturation(),
                  noop,
                  s -> s == 200),
              load.saturate(
                  "end-of-call-report, api role only",
                  IN_FLIGHT,
                  options.saturation(),
                  report,
                  s -> s == 200));
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "| endpoint (no worker) | done req/s | p50 ms | p99 ms | p99.9 ms | errors | max req/s | max vs no-op |%n");
      System.out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
      for (int i = 0; i < open.size(); i++) {
        OpenLoad.Result r = open.get(i);
        System.out.printf(
            Locale.ROOT,
            "| %s | %.1f | %.2f | %.2f | %.2f | %d | %.0f | %.2f |%n",
            r.name(),
            r.throughput(),
            r.millis(50),
            r.millis(99),
            r.millis(99.9),
            r.failed() + max.get(i).failed(),
            max.get(i).throughput(),
            max.get(i).throughput() / max.get(0).throughput());
      }
    } finally {
      chatwoot.close();
      vapi.close();
    }
  }
}
