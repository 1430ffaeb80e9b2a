package org.handoffengine.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.VapiSandbox;
import tools.jackson.databind.JsonNode;

/**
 * Drill ({@code --drill contact-burst [--callers N] [--contact-searches-per-minute N]}): 500 new
 * callers of one Chatwoot account within a minute, against a Chatwoot sandbox that enforces
 * rack-attack's contact-search throttle as production Chatwoot does (100 a minute per account,
 * fixed windows, then 429 {@code text/plain} with no {@code Retry-After}). The engine holds the
 * contact step to {@code handoff.chatwoot.contact-searches-per-minute} (default 90) on the
 * account's task queue, so the burst waits in Temporal. Ends in exact counts: every report
 * acknowledged, one contact and one conversation per caller, no duplicate, and the number of 429s
 * the engine provoked.
 *
 * <p>A real Temporal server ({@code temporal server start-dev}, or {@code --temporal host:port}):
 * the rate limit is the server's ({@code maxTaskQueueActivitiesPerSecond}); the SDK's test server
 * ignores it.
 */
final class ContactBurstDrill {

  private static final int CHATWOOT_SEARCHES_PER_MINUTE = 100;
  private static final Duration SPREAD = Duration.ofSeconds(50);

  private ContactBurstDrill() {}

  static void run(BenchOptions options, String[] args) throws Exception {
    int callers = Integer.parseInt(value(args, "--callers", "500"));
    String engineBudget = value(args, "--contact-searches-per-minute", "90");
    ChatwootSandbox chatwoot = new ChatwootSandbox(Bench.CHATWOOT_TOKEN, 1);
    chatwoot.start();
    chatwoot.limitContactSearches(CHATWOOT_SEARCHES_PER_MINUTE, Duration.ofMinutes(1));
    VapiSandbox vapi = new VapiSandbox("bench-vapi-key");
    vapi.start();
    AtomicInteger transcripts = new AtomicInteger();
    chatwoot.onRequest(
        r -> {
          if (r.status() < 300
              && r.method().equals("POST")
              && r.path().endsWith("/messages")
              && r.body().contains(":transcript")) {
            transcripts.incrementAndGet();
          }
        });
    Path log = Files.createTempFile("handoff-contact-burst", ".log");
    boolean passed = false;
    try (BenchTemporal temporal =
            BenchTemporal.open(
                options.temporalTarget() == null ? BenchTemporal.DEV : options.temporalTarget());
        EngineProcess engine =
            new EngineProcess(
                EngineProcess.defaultJar(),
                settings(chatwoot, vapi, temporal.target(), engineBudget),
                log)) {
      System.out.printf(
          Locale.ROOT,
          "Contact burst drill: %d new callers within %d s, Chatwoot allows %d contact searches a minute (429 text/plain, no Retry-After), "
              + "engine budget %s a minute; %s; engine log %s%n",
          callers,
          SPREAD.toSeconds(),
          CHATWOOT_SEARCHES_PER_MINUTE,
          engineBudget,
          temporal.describe(),
          log);
      HttpClient http = HttpClient.newHttpClient();
      Payloads payloads = new Payloads();
      List<Integer> statuses = new ArrayList<>();
      long start = System.nanoTime();
      Instant firstReport = Instant.now();
      long gapNanos = SPREAD.toNanos() / callers;
      for (int n = 0; n < callers; n++) {
        long due = start + n * gapNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(
              wait / 1_000_000,
              (int) (wait % 1_000_000)); // pacing the load, not waiting for a workflow
        }
        HttpResponse<Void> response =
            http.send(
                OpenLoad.post(
                    engine.uri("/webhooks/vapi"),
                    payloads.endOfCallReport("burst-call-" + n, phone(n)),
                    "X-Vapi-Secret",
                    EngineProcess.VAPI_SECRET),
                HttpResponse.BodyHandlers.discarding());
        statuses.add(response.statusCode());
      }
      double postedIn = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%d reports posted in %.1f s%n", callers, postedIn);
      Duration patience =
          Duration.ofSeconds(
              callers
                      * 60L
                      / Math.max(
                          1, Math.min(Integer.parseInt(engineBudget), CHATWOOT_SEARCHES_PER_MINUTE))
                  + 300);
      chatwoot.awaitUntil(
          "every caller's transcript", () -> transcripts.get() >= callers, patience);
      chatwoot.awaitUntil(
          "every call's three messages",
          () -> chatwoot.messages().size() >= 3 * callers,
          Duration.ofMinutes(2));
      double completedIn = (System.nanoTime() - start) / 1e9;

      Map<String, Integer> counts = count(chatwoot, callers);
      List<RecordedRequest> searches = chatwoot.requests("GET", ".*/contacts/search");
      long throttled = searches.stream().filter(r -> r.status() == 429).count();
      TreeMap<Long, Integer> perMinute = new TreeMap<>();
      for (RecordedRequest search : searches) {
        perMinute.merge(
            Duration.between(firstReport, search.receivedAt()).toMinutes(), 1, Integer::sum);
      }
      long acknowledged = statuses.stream().filter(s -> s == 200).count();
      System.out.println();
      System.out.println("| contact burst drill | count |");
      System.out.println("|---|--:|");
      System.out.printf(
          Locale.ROOT,
          "| reports acknowledged (200) | %d of %d, posted in %.1f s |%n",
          acknowledged,
          callers,
          postedIn);
      counts.forEach((what, n) -> System.out.printf(Locale.ROOT, "| %s | %d |%n", what, n));
      System.out.printf(Locale.ROOT, "| contact searches sent | %d |%n", searches.size());
      System.out.printf(
          Locale.ROOT, "| contact searches Chatwoot throttled (429) | %d |%n", throttled);
      System.out.printf(
          Locale.ROOT,
          "| most searches in one minute since the first report | %d |%n",
          perMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0));
      System.out.printf(
          Locale.ROOT, "| searches per minute since the first report | %s |%n", perMinute.values());
      System.out.printf(
          Locale.ROOT,
          "| every caller's messages posted, after the first report | %.0f s |%n",
          completedIn);
      boolean exact =
          acknowledged == callers
              && counts.get("contacts") == callers
              && counts.get("conversations") == callers
              && counts.get("messages") == 3 * callers
              && counts.get("duplicate contacts") == 0
              && counts.get("duplicate conversations") == 0
              && counts.get("duplicate messages") == 0;
      System.out.println(
          exact
              ? "PASS: every caller once, " + throttled + " throttled searches"
              : "FAIL: counts differ from " + callers + " callers once each");
      passed = exact;
    } finally {
      chatwoot.close();
      vapi.close();
    }
    // Only now, with the engine process closed: exiting earlier would leave it running.
    if (!passed) {
      System.exit(1);
    }
  }

  private static String phone(int n) {
    return String.format(Locale.ROOT, "+1415630%04d", n);
  }

  /** Contacts, conversations and messages of the drill's callers, and anything there twice. */
  private static Map<String, Integer> count(ChatwootSandbox chatwoot, int callers) {
    int contacts = 0;
    int conversations = 0;
    int messages = 0;
    int duplicateContacts = 0;
    int duplicateConversations = 0;
    int duplicateMessages = 0;
    for (int n = 0; n < callers; n++) {
      List<JsonNode> ofPhone = chatwoot.contactsWithPhone(phone(n));
      contacts += ofPhone.size();
      duplicateContacts += Math.max(0, ofPhone.size() - 1);
      int conversationsOfPhone = 0;
      for (JsonNode contact : ofPhone) {
        for (JsonNode conversation : chatwoot.conversationsOf(contact.path("id").asLong())) {
          conversationsOfPhone++;
          Set<String> keys = new HashSet<>();
          for (JsonNode message : chatwoot.messages(conversation.path("id").asLong())) {
            messages++;
            if (!keys.add(EngineMark.keyOf(message).orElse("untagged"))) {
              duplicateMessages++;
            }
          }
        }
      }
      conversations += conversationsOfPhone;
      duplicateConversations += Math.max(0, conversationsOfPhone - 1);
    }
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    counts.put("contacts", contacts);
    counts.put("conversations", conversations);
    counts.put("messages", messages);
    counts.put("duplicate contacts", duplicateContacts);
    counts.put("duplicate conversations", duplicateConversations);
    counts.put("duplicate messages", duplicateMessages);
    return counts;
  }

  private static Map<String, String> settings(
      ChatwootSandbox chatwoot,
      VapiSandbox vapi,
      String temporal,
      String contactSearchesPerMinute) {
    Map<String, String> settings = new HashMap<>();
    settings.put("spring.temporal.connection.target", temporal);
    settings.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    settings.put("handoff.chatwoot.api-token", Bench.CHATWOOT_TOKEN);
    settings.put("handoff.chatwoot.account-id", "1");
    settings.put("handoff.chatwoot.inbox-id", String.valueOf(chatwoot.apiInboxId()));
    settings.put("handoff.chatwoot.contact-searches-per-minute", contactSearchesPerMinute);
    settings.put("handoff.vapi.base-url", vapi.baseUrl());
    settings.put("handoff.vapi.api-key", "bench-vapi-key");
    // A real server takes no engine without encrypted payloads and hashed ids.
    settings.put("handoff.encryption.key-id", "bench");
    settings.put("handoff.encryption.keys.bench", Bench.ENCRYPTION_KEY);
    settings.put("handoff.privacy.id-key", Bench.ID_KEY);
    return settings;
  }

  private static String value(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
