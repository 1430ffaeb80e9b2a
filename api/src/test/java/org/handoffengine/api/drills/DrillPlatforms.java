package org.handoffengine.api.drills;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.handoffengine.api.HandoffEngineApplication;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Chatwoot and Vapi sandboxes of one drill on the real server, what reached them per caller,
 * and the settings that point an engine role at them and at a Temporal namespace. Follow-ups are
 * short so they happen during the drill: one follow-up call per journey, {@link #QUIET_PERIOD}
 * after its conversation opened, at any hour of the day.
 */
final class DrillPlatforms implements AutoCloseable {

  static final String VAPI_SECRET = "test-vapi-secret";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TRANSCRIPT = Pattern.compile("call:([A-Za-z0-9_-]+):transcript");

  final ChatwootSandbox chatwoot = new ChatwootSandbox("test-chatwoot-token", 1);
  final VapiSandbox vapi = new VapiSandbox("test-vapi-key");
  private final Map<String, Long> transcriptAt = new ConcurrentHashMap<>();
  private final Map<String, Long> firstCallAt = new ConcurrentHashMap<>();
  private final Duration quietPeriod;

  DrillPlatforms(Duration quietPeriod) {
    this.quietPeriod = quietPeriod;
    chatwoot.start();
    vapi.start();
    // When each call's transcript reached Chatwoot (System.nanoTime), by the call id of its report.
    chatwoot.onRequest(
        r -> {
          if (r.status() < 300 && r.method().equals("POST")) {
            Matcher call = TRANSCRIPT.matcher(r.body());
            if (call.find()) {
              transcriptAt.putIfAbsent(call.group(1), System.nanoTime());
            }
          }
        });
    // When each caller's first follow-up call was placed (System.nanoTime), by number.
    vapi.onRequest(
        r -> {
          if (r.status() == 201 && r.method().equals("POST") && r.path().equals("/call")) {
            String number = JSON.readTree(r.body()).path("customer").path("number").asString("");
            firstCallAt.putIfAbsent(number, System.nanoTime());
          }
        });
  }

  /**
   * Settings of an engine role on the real server, in {@code namespace}, pointed at these
   * sandboxes.
   */
  Map<String, String> settings(String roles, String temporalTarget, String namespace) {
    Map<String, String> settings = new HashMap<>();
    settings.put("handoff.roles", roles);
    settings.put("spring.temporal.connection.target", temporalTarget);
    settings.put("spring.temporal.namespace", namespace);
    settings.put("spring.temporal.test-server.enabled", "false");
    settings.put("handoff.temporal.time-skipping", "false");
    settings.put("handoff.chatwoot.base-url", chatwoot.baseUrl());
    settings.put("handoff.chatwoot.inbox-id", String.valueOf(chatwoot.apiInboxId()));
    settings.put("handoff.vapi.base-url", vapi.baseUrl());
    settings.put("handoff.follow-up.quiet-period", quietPeriod.toString());
    // One call; the journey then waits 10 minutes for an answer before giving up: after the drill.
    settings.put("handoff.follow-up.attempts", "PT10M");
    settings.put("handoff.follow-up.calling-hours", "00:00-23:59:59");
    // The sandbox never reports the follow-up call; the journey would ask Vapi after this.
    settings.put("handoff.follow-up.report-timeout", "PT1H");
    return settings;
  }

  /** An engine role as a Spring context in the test's JVM: for the roles a drill does not kill. */
  static ConfigurableApplicationContext inThisJvm(Map<String, String> settings) {
    return new SpringApplicationBuilder(HandoffEngineApplication.class)
        .profiles("test")
        .run(
            settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  /** When the transcript of call {@code callId} reached Chatwoot, or null if it has not. */
  Long transcriptAt(String callId) {
    return transcriptAt.get(callId);
  }

  /** When the first follow-up call to {@code phone} was placed, or null if none was. */
  Long firstCallAt(String phone) {
    return firstCallAt.get(phone);
  }

  int transcripts() {
    return transcriptAt.size();
  }

  /** Follow-up calls placed through Vapi (created calls, not attempts), by customer number. */
  Map<String, Long> placedCallsByNumber() {
    return vapi.calls().stream()
        .collect(
            Collectors.groupingBy(
                c -> c.path("customer").path("number").asString(), Collectors.counting()));
  }

  /** The callers among {@code phones} with a number of placed calls other than one. */
  Map<String, Long> notCalledExactlyOnce(List<String> phones) {
    Map<String, Long> placed = placedCallsByNumber();
    Map<String, Long> wrong = new HashMap<>();
    for (String phone : phones) {
      long calls = placed.getOrDefault(phone, 0L);
      if (calls != 1) {
        wrong.put(phone, calls);
      }
    }
    return wrong;
  }

  int placedCalls() {
    return vapi.calls().size();
  }

  @Override
  public void close() {
    chatwoot.close();
    vapi.close();
  }
}
