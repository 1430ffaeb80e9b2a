package org.handoffengine.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import tools.jackson.databind.JsonNode;

/**
 * Drill ({@code --drill worker-restart}): the real Temporal server, an api-only engine process and
 * a worker-only one. 200 callers' reports arrive; the worker process is killed (SIGKILL) in the
 * middle while the api process keeps acknowledging; a new worker process starts. Ends in exact
 * counts: every report acknowledged, 200 contacts, 200 conversations, 600 messages, no duplicate,
 * and how long the journeys stranded in the killed worker took to resume.
 *
 * <p>Temporal is {@code temporal server start-dev} started for the drill ({@link BenchTemporal}),
 * or {@code --temporal host:port}. Sticky queues are on, as in production: the journeys the dead
 * worker had cached wait out the sticky schedule-to-start timeout, its unfinished activities their
 * attempt timeout. (The SDK's test server never moves a task off a dead worker's sticky queue, so
 * the drill no longer runs there.)
 */
final class WorkerRestartDrill {

  private static final int JOURNEYS = 200;
  private static final Pattern TAG = Pattern.compile("\\[handoff:([^\\]\\s]+)]\\s*$");
  private static final Pattern CALL = Pattern.compile("\\[handoff:call:restart-call-(\\d+):transcript]");

  private WorkerRestartDrill() {}

  static void run(BenchOptions options) throws Exception {
    ChatwootSandbox chatwoot = new ChatwootSandbox(Bench.CHATWOOT_TOKEN, 1);
    chatwoot.start();
    // Slow enough that journeys are mid-way (between Chatwoot calls) when the worker dies.
    chatwoot.faults().latency(Duration.ofMillis(20));
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    AtomicInteger transcripts = new AtomicInteger();
    // When each call's transcript was stored, by call number: the stranded journeys' resume time.
    Map<Integer, Long> recordedAt = new java.util.concurrent.ConcurrentHashMap<>();
    chatwoot.onRequest(r -> {
      if (r.status() < 300 && r.method().equals("POST") && r.body().contains(":transcript]")) {
        transcripts.incrementAndGet();
        Matcher call = CALL.matcher(r.body());
        if (call.find()) {
          recordedAt.putIfAbsent(Integer.parseInt(call.group(1)), System.nanoTime());
        }
      }
    });
    Path log = Files.createTempFile("handoff-worker-restart", ".log");
    Payloads payloads = new Payloads();
    boolean passed = false;
    try (BenchTemporal temporal = BenchTemporal.open(options.temporalTarget() == null ? BenchTemporal.DEV : options.temporalTarget());
        EngineProcess api = new EngineProcess(EngineProcess.defaultJar(), settings(chatwoot, vapi, temporal.target(), "api"), log)) {
      System.out.printf(Locale.ROOT, "Worker restart drill: %d journeys, %s, sticky queues on; engine logs %s%n", JOURNEYS, temporal.describe(), log);
      HttpClient http = HttpClient.newHttpClient();
      List<Integer> statuses = new ArrayList<>();
      long killedAt;
      try (EngineProcess worker =
          new EngineProcess(EngineProcess.defaultJar(), settings(chatwoot, vapi, temporal.target(), "worker"), log)) {
        statuses.addAll(post(http, api, payloads, 0, JOURNEYS / 2));
        chatwoot.awaitUntil("a third of the first half recorded", () -> transcripts.get() >= JOURNEYS / 6, Duration.ofMinutes(2));
        worker.kill();
        killedAt = System.nanoTime();
      }
      int recordedAtKill = transcripts.get();
      List<Integer> stranded = new ArrayList<>();
      for (int n = 0; n < JOURNEYS / 2; n++) {
        if (!recordedAt.containsKey(n)) {
          stranded.add(n);
        }
      }
      System.out.printf(Locale.ROOT, "worker killed (SIGKILL) with %d of %d journeys recorded%n", recordedAtKill, JOURNEYS / 2);

      statuses.addAll(post(http, api, payloads, JOURNEYS / 2, JOURNEYS));
      int recordedWhileDown = transcripts.get();
      System.out.printf(Locale.ROOT, "api role acknowledged %d more reports with no worker running%n", JOURNEYS / 2);

      try (EngineProcess restarted = new EngineProcess(EngineProcess.defaultJar(), settings(chatwoot, vapi, temporal.target(), "worker"), log)) {
        long restartedAt = System.nanoTime();
        try {
          chatwoot.awaitUntil("every journey recorded", () -> transcripts.get() >= JOURNEYS, Duration.ofMinutes(2));
          chatwoot.awaitUntil("every call's three messages", () -> messagesOf(chatwoot) >= 3 * JOURNEYS, Duration.ofMinutes(1));
        } catch (AssertionError stuck) {
          explain(chatwoot, api, http, transcripts.get());
        }
        Map<String, Integer> counts = count(chatwoot);
        long acknowledged = statuses.stream().filter(s -> s == 200).count();
        System.out.println();
        System.out.println("| worker restart drill | count |");
        System.out.println("|---|--:|");
        System.out.printf(Locale.ROOT, "| reports acknowledged (200) | %d of %d |%n", acknowledged, JOURNEYS);
        System.out.printf(Locale.ROOT, "| journeys recorded when the worker was killed | %d |%n", recordedAtKill);
        System.out.printf(Locale.ROOT, "| journeys recorded while no worker ran | %d |%n", recordedWhileDown - recordedAtKill);
        counts.forEach((what, n) -> System.out.printf(Locale.ROOT, "| %s | %d |%n", what, n));
        System.out.printf(Locale.ROOT, "| calls placed through Vapi (follow-ups are a day away) | %d |%n", vapi.calls().size());
        long lastStranded = stranded.stream().mapToLong(n -> recordedAt.getOrDefault(n, Long.MIN_VALUE)).max().orElse(restartedAt);
        System.out.printf(Locale.ROOT, "| journeys stranded in the killed worker (acknowledged, not yet recorded) | %d |%n", stranded.size());
        System.out.printf(Locale.ROOT, "| new worker healthy, after the kill | %.1f s |%n", (restartedAt - killedAt) / 1e9);
        System.out.printf(Locale.ROOT, "| last stranded journey recorded, after the new worker was healthy | %.1f s |%n", (lastStranded - restartedAt) / 1e9);
        boolean exact = acknowledged == JOURNEYS && counts.get("contacts") == JOURNEYS && counts.get("conversations") == JOURNEYS
            && counts.get("messages") == 3 * JOURNEYS && counts.get("duplicate messages") == 0 && vapi.calls().isEmpty()
            && stranded.stream().allMatch(recordedAt::containsKey);
        System.out.println(exact ? "PASS: every journey completed once" : "FAIL: counts differ from " + JOURNEYS + " journeys once each");
        passed = exact;
      }
    } finally {
      chatwoot.close();
      vapi.close();
    }
    // Only now, with every engine process closed: exiting earlier would leave them running.
    if (!passed) {
      System.exit(1);
    }
  }

  /** Which journeys are missing, and the history of the first of them. */
  private static void explain(ChatwootSandbox chatwoot, EngineProcess api, HttpClient http, int recorded) throws Exception {
    List<Integer> missing = new ArrayList<>();
    for (int n = 0; n < JOURNEYS; n++) {
      if (chatwoot.contactsWithPhone(phone(n)).isEmpty()
          || chatwoot.conversationsOf(chatwoot.contactsWithPhone(phone(n)).get(0).path("id").asLong()).isEmpty()) {
        missing.add(n);
      }
    }
    System.out.printf(Locale.ROOT, "only %d of %d journeys recorded; without a conversation: %d %s%n", recorded, JOURNEYS, missing.size(), missing);
    if (!missing.isEmpty()) {
      HttpResponse<String> actions = http.send(
          HttpRequest.newBuilder(api.uri("/journeys/journey-" + phone(missing.get(0)) + "/actions"))
              .header("Authorization", "Bearer " + EngineProcess.API_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println("history of the first (its last event is a workflow task scheduled and never started): " + actions.body());
    }
  }

  private static List<Integer> post(HttpClient http, EngineProcess api, Payloads payloads, int from, int to) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int n = from; n < to; n++) {
      HttpResponse<Void> response = http.send(
          OpenLoad.post(api.uri("/webhooks/vapi"), payloads.endOfCallReport("restart-call-" + n, phone(n)), "X-Vapi-Secret", EngineProcess.VAPI_SECRET),
          HttpResponse.BodyHandlers.discarding());
      statuses.add(response.statusCode());
    }
    return statuses;
  }

  private static String phone(int n) {
    return String.format(Locale.ROOT, "+1415620%04d", n);
  }

  private static int messagesOf(ChatwootSandbox chatwoot) {
    return chatwoot.messages().size();
  }

  /** Contacts, conversations and messages of the drill's callers, and anything there twice. */
  private static Map<String, Integer> count(ChatwootSandbox chatwoot) {
    int contacts = 0;
    int conversations = 0;
    int messages = 0;
    int duplicates = 0;
    for (int n = 0; n < JOURNEYS; n++) {
      for (JsonNode contact : chatwoot.contactsWithPhone(phone(n))) {
        contacts++;
        for (JsonNode conversation : chatwoot.conversationsOf(contact.path("id").asLong())) {
          conversations++;
          Set<String> keys = new HashSet<>();
          for (JsonNode message : chatwoot.messages(conversation.path("id").asLong())) {
            messages++;
            String attribute = message.path("content_attributes").path("handoff_key").asString("");
            Matcher tag = TAG.matcher(message.path("content").asString(""));
            if (!keys.add(!attribute.isEmpty() ? attribute : tag.find() ? tag.group(1) : "untagged")) {
              duplicates++;
            }
          }
        }
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("contacts", contacts);
    counts.put("conversations", conversations);
    counts.put("messages", messages);
    counts.put("duplicate messages", duplicates);
    return counts;
  }

  private static Map<String, String> settings(ChatwootSandbox chatwoot, VapiSandbox vapi, String temporal, String role) {
    Map<String, String> settings = new HashMap<>();
    settings.put("handoff.roles", role);
    settings.put("spring.temporal.connection.target", temporal);
    settings.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    settings.put("handoff.chatwoot.api-token", Bench.CHATWOOT_TOKEN);
    settings.put("handoff.chatwoot.account-id", "1");
    settings.put("handoff.chatwoot.inbox-id", String.valueOf(chatwoot.apiInboxId()));
    settings.put("handoff.vapi.base-url", vapi.baseUrl());
    settings.put("handoff.vapi.api-key", "bench-vapi-key");
    // A killed worker's unfinished attempts are retried once they time out: 10 s instead of 30 s.
    settings.put("handoff.retry.attempt-timeout", "PT10S");
    // The engine needs an attempt to hold a read and a write: twice the HTTP timeout plus a second.
    settings.put("handoff.chatwoot.timeout", "PT3S");
    settings.put("handoff.vapi.timeout", "PT3S");
    return settings;
  }
}
