package org.handoffengine.bench;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;

/**
 * {@code java -jar bench/target/handoff-bench.jar [--long] [--rate N]}: the engine jar on its
 * embedded Temporal against in-process Chatwoot and Vapi sandboxes, measured side by side with a
 * no-op endpoint of the same engine in the same run.
 *
 * <p>Answers (what a live call waits for): {@code assistant-request} and {@code tool-calls}
 * (lookupCustomer) for callers that have a journey, read from journey state by query.
 */
public final class Bench {

  private static final int JOURNEYS = 50;

  public static void main(String[] args) throws Exception {
    boolean longRun = List.of(args).contains("--long");
    int rate = intArg(args, "--rate", 50);
    Duration phase = longRun ? Duration.ofSeconds(60) : Duration.ofSeconds(15);
    Duration warmUp = longRun ? Duration.ofSeconds(20) : Duration.ofSeconds(8);

    ChatwootSandbox chatwoot = new ChatwootSandbox("bench-chatwoot-token", 1);
    chatwoot.start();
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    Path log = Files.createTempFile("handoff-engine-bench", ".log");
    Map<String, String> settings =
        Map.of(
            "handoff.chatwoot.base-url", chatwoot.baseUrl(),
            "handoff.chatwoot.api-token", "bench-chatwoot-token",
            "handoff.chatwoot.account-id", "1",
            "handoff.chatwoot.inbox-id", String.valueOf(chatwoot.apiInboxId()),
            "handoff.vapi.base-url", vapi.baseUrl(),
            "handoff.vapi.api-key", "bench-vapi-key",
            "handoff.vapi.assistant-id", "6c2b9e41-0a7d-4f3e-8b15-d9c4e2a7f018",
            "handoff.vapi.phone-number-id", "a17f3c9e-2d4b-4e6a-9c81-5b0d7e3f2a64");

    System.out.printf(Locale.ROOT, "Handoff Engine bench: %d req/s per phase, %ds phases (%s), engine log %s%n",
        rate, phase.toSeconds(), longRun ? "--long" : "short", log);
    try (EngineProcess engine = new EngineProcess(EngineProcess.defaultJar(), settings, log)) {
      seedJourneys(engine, chatwoot);
      OpenLoad load = new OpenLoad();
      List<OpenLoad.Result> results = new ArrayList<>();
      for (boolean measuring : new boolean[] {false, true}) {
        Duration length = measuring ? phase : warmUp;
        OpenLoad.Result noop = load.run("no-op endpoint (same engine)", rate, length, i -> noop(engine), s -> s == 200);
        OpenLoad.Result assistant = load.run("assistant-request", rate, length, i -> assistantRequest(engine, i), s -> s == 200);
        OpenLoad.Result tools = load.run("tool-calls (lookupCustomer)", rate, length, i -> lookup(engine, i), s -> s == 200);
        if (measuring) {
          results.addAll(List.of(noop, assistant, tools));
        }
      }
      print(results, engine.residentKilobytes());
    } finally {
      chatwoot.close();
      vapi.close();
    }
  }

  private static void seedJourneys(EngineProcess engine, ChatwootSandbox chatwoot) {
    OpenLoad load = new OpenLoad();
    load.run("seed", 25, Duration.ofSeconds(JOURNEYS / 25), i -> report(engine, i), s -> s == 200);
    chatwoot.awaitUntil(JOURNEYS + " journeys in Chatwoot", () -> chatwoot.messages().size() >= JOURNEYS * 3, Duration.ofMinutes(2));
  }

  private static String phone(int i) {
    return String.format(Locale.ROOT, "+1415555%04d", 2000 + (i % JOURNEYS));
  }

  private static HttpRequest noop(EngineProcess engine) {
    return OpenLoad.post(engine.uri("/bench/noop"), "{\"message\":{\"type\":\"noop\"}}");
  }

  private static HttpRequest report(EngineProcess engine, int i) {
    String body =
        "{\"message\":{\"type\":\"end-of-call-report\",\"endedReason\":\"customer-ended-call\","
            + "\"artifact\":{\"transcript\":\"AI: Hello.\\nUser: Where is my order " + (9000 + i) + "?\"},"
            + "\"analysis\":{\"summary\":\"Caller asked about order " + (9000 + i) + ".\"},"
            + "\"customer\":{\"number\":\"" + phone(i) + "\",\"name\":\"Bench Caller " + i + "\"},"
            + "\"call\":{\"id\":\"bench-seed-" + i + "\",\"type\":\"inboundPhoneCall\",\"status\":\"ended\","
            + "\"customer\":{\"number\":\"" + phone(i) + "\"}}}}";
    return OpenLoad.post(engine.uri("/webhooks/vapi"), body, "X-Vapi-Secret", EngineProcess.VAPI_SECRET);
  }

  private static HttpRequest assistantRequest(EngineProcess engine, int i) {
    String body =
        "{\"message\":{\"type\":\"assistant-request\",\"customer\":{\"number\":\"" + phone(i) + "\"},"
            + "\"call\":{\"id\":\"bench-ring-" + i + "\",\"type\":\"inboundPhoneCall\",\"status\":\"ringing\","
            + "\"customer\":{\"number\":\"" + phone(i) + "\"}}}}";
    return OpenLoad.post(engine.uri("/webhooks/vapi"), body, "X-Vapi-Secret", EngineProcess.VAPI_SECRET);
  }

  private static HttpRequest lookup(EngineProcess engine, int i) {
    String body =
        "{\"message\":{\"type\":\"tool-calls\",\"customer\":{\"number\":\"" + phone(i) + "\"},"
            + "\"call\":{\"id\":\"bench-live-" + i + "\",\"type\":\"inboundPhoneCall\",\"status\":\"in-progress\"},"
            + "\"toolCallList\":[{\"id\":\"bench-tool-" + i + "\",\"type\":\"function\","
            + "\"function\":{\"name\":\"lookupCustomer\",\"arguments\":\"{}\"}}]}}";
    return OpenLoad.post(engine.uri("/webhooks/vapi"), body, "X-Vapi-Secret", EngineProcess.VAPI_SECRET);
  }

  private static void print(List<OpenLoad.Result> results, long rssKb) {
    OpenLoad.Result baseline = results.get(0);
    System.out.println();
    System.out.printf(Locale.ROOT, "| %-30s | %7s | %8s | %8s | %8s | %8s | %6s | %9s | %9s |%n",
        "endpoint", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "p50/noop", "p99/noop");
    System.out.println("|" + "-".repeat(32) + "|--------:|---------:|---------:|---------:|---------:|-------:|----------:|----------:|");
    for (OpenLoad.Result r : results) {
      System.out.printf(Locale.ROOT, "| %-30s | %7.1f | %8.2f | %8.2f | %8.2f | %8.2f | %6d | %9.2f | %9.2f |%n",
          r.name(), r.throughput(), ms(r, 50), ms(r, 99), ms(r, 99.9), r.latencyMicros().getMaxValue() / 1000.0, r.failed(),
          ms(r, 50) / ms(baseline, 50), ms(r, 99) / ms(baseline, 99));
    }
    System.out.printf(Locale.ROOT, "%nengine resident memory: %.0f MB; %d journeys open%n", rssKb / 1024.0, JOURNEYS);
  }

  private static double ms(OpenLoad.Result result, double percentile) {
    return result.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
