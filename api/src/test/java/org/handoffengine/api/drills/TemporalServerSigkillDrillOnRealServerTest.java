package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.worker.devserver.LocalTemporalServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drill: the Temporal server is killed with SIGKILL and started again on the same database file and
 * ports while reports keep arriving. The server is one of its own (not the run's shared one), the
 * engine (both roles, in the test's JVM) is never restarted.
 *
 * <p>Every report answered 2xx must become exactly one conversation with its messages; a report
 * sent while the server is down must get 503 with {@code Retry-After}, never 2xx; readiness goes
 * DOWN while the server is down and UP once it is back, and the engine reconnects by itself. The
 * senders then do what Vapi does with a 503: send the report again, and it is recorded once too.
 */
@Drill
@RealTemporal
class TemporalServerSigkillDrillOnRealServerTest {

  private static final String NAMESPACE = "handoff-drill-server-kill";
  private static final int SENDERS = 3;
  private static final Duration PACE = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One report's answer, with when it was sent and answered (System.nanoTime). */
  record Outcome(int caller, long sentAt, long answeredAt, int status, String retryAfter) {}

  @Test
  void reportsAreRecordedOnceOrRefused503WhileTheServerIsDown() throws Exception {
    // A server of its own to kill, even when the run uses one at TEMPORAL_ADDRESS.
    Optional<Path> found = LocalTemporalServer.findBinary();
    Assumptions.assumeTrue(
        found.isPresent(), "no temporal binary to start a server of the drill's own");
    Path binary = found.get();
    long drillStarted = System.nanoTime();
    try (LocalTemporalServer server =
            LocalTemporalServer.start(
                binary,
                LocalTemporalServer.Options.defaults()
                    .withNamespaces(List.of(NAMESPACE))
                    .in(Path.of("target", "temporal-drill")));
        DrillPlatforms platforms = new DrillPlatforms(Duration.ofHours(1))) {
      Map<String, String> settings = platforms.settings("api,worker", server.target(), NAMESPACE);
      // A webhook gives Temporal 2 s before it answers 503 (default 5 s): more answers while down.
      settings.put("handoff.temporal.rpc-deadline", "PT2S");
      try (ConfigurableApplicationContext engine = DrillPlatforms.inThisJvm(settings)) {
        String base =
            "http://127.0.0.1:" + engine.getEnvironment().getProperty("local.server.port");
        URI webhook = URI.create(base + "/webhooks/vapi");
        URI readiness = URI.create(base + "/actuator/health/readiness");
        assertThat(ready(readiness)).as("readiness before the kill").isTrue();

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger nextCaller = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int i = 0; i < SENDERS; i++) {
          senders.submit(
              () -> {
                while (sending.get()) {
                  outcomes.add(send(webhook, nextCaller.getAndIncrement()));
                  pause(PACE);
                }
              });
        }

        Await.until(
            "15 reports recorded before the kill",
            PATIENCE,
            () -> count(outcomes, o -> o.status() == 200) >= 15);
        server.kill();
        long killedAt = System.nanoTime();
        Await.until("readiness DOWN", PATIENCE, () -> !ready(readiness));
        long downAt = System.nanoTime();
        Await.until(
            "6 reports answered while the server is down",
            PATIENCE,
            () -> count(outcomes, o -> o.sentAt() > killedAt && o.status() != 200) >= 6);
        long restartingAt = System.nanoTime();
        server.restart();
        long restartedAt = System.nanoTime();
        Await.until("readiness UP after the restart", PATIENCE, () -> ready(readiness));
        long upAt = System.nanoTime();
        Await.until(
            "15 reports recorded after the restart",
            PATIENCE,
            () -> count(outcomes, o -> o.sentAt() > upAt && o.status() == 200) >= 15);
        sending.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        List<Outcome> answers = new ArrayList<>(outcomes);
        List<Outcome> whileDown =
            answers.stream()
                .filter(o -> o.sentAt() > killedAt && o.answeredAt() < restartingAt)
                .toList();
        List<String> acknowledged =
            answers.stream()
                .filter(o -> o.status() / 100 == 2)
                .map(o -> phone(o.caller()))
                .toList();
        List<Outcome> refused = answers.stream().filter(o -> o.status() / 100 != 2).toList();
        String figures =
            String.format(
                Locale.ROOT,
                "%d reports: %d answered 2xx, %d refused (%d of them sent and answered while the server was down); "
                    + "readiness DOWN %.1f s after the kill; server down %.1f s; restart took %.1f s; readiness UP %.1f s after the restart",
                answers.size(),
                acknowledged.size(),
                refused.size(),
                whileDown.size(),
                (downAt - killedAt) / 1e9,
                (restartingAt - killedAt) / 1e9,
                (restartedAt - restartingAt) / 1e9,
                (upAt - restartedAt) / 1e9);
        System.out.println("[drill] Temporal server SIGKILL: " + figures);

        assertThat(whileDown)
            .as(figures)
            .isNotEmpty()
            .allSatisfy(
                o -> {
                  assertThat(o.status())
                      .as("report of caller %d, sent while the server was down", o.caller())
                      .isEqualTo(503);
                  assertThat(o.retryAfter())
                      .as("Retry-After of caller %d", o.caller())
                      .isNotBlank();
                });
        assertThat(refused)
            .as(figures)
            .allSatisfy(
                o -> {
                  assertThat(o.status()).isEqualTo(503);
                  assertThat(o.retryAfter()).isNotBlank();
                });

        WorkflowClient temporal = engine.getBean(WorkflowClient.class);
        platforms.chatwoot.awaitUntil(
            "every acknowledged report's transcript",
            () ->
                ChatwootTally.of(platforms.chatwoot, acknowledged).messages()
                    >= 3 * acknowledged.size(),
            PATIENCE);
        assertThat(ChatwootTally.of(platforms.chatwoot, acknowledged))
            .as(figures)
            .isEqualTo(ChatwootTally.exactlyOnce(acknowledged.size(), 3));

        // What Vapi does with a 503: it sends the report again, until it is acknowledged.
        int resent = 0;
        for (Outcome o : refused) {
          long deadline = System.nanoTime() + PATIENCE.toNanos();
          while (send(webhook, o.caller()).status() != 200) {
            assertThat(System.nanoTime())
                .as("caller %d's report acknowledged when sent again", o.caller())
                .isLessThan(deadline);
            pause(PACE);
          }
          resent++;
        }
        List<String> everyone = answers.stream().map(o -> phone(o.caller())).distinct().toList();
        platforms.chatwoot.awaitUntil(
            "every report's transcript",
            () -> ChatwootTally.of(platforms.chatwoot, everyone).messages() >= 3 * everyone.size(),
            PATIENCE);
        OpenJourneys.awaitSettled(temporal, everyone.size(), PATIENCE);
        ChatwootTally all = ChatwootTally.of(platforms.chatwoot, everyone);
        System.out.printf(
            Locale.ROOT,
            "[drill] Temporal server SIGKILL: %d refused reports sent again and acknowledged; %s; drill %.0f s%n",
            resent,
            all,
            (System.nanoTime() - drillStarted) / 1e9);
        assertThat(all).as(figures).isEqualTo(ChatwootTally.exactlyOnce(everyone.size(), 3));
      }
    }
  }

  private Outcome send(URI webhook, int caller) {
    long sentAt = System.nanoTime();
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(webhook)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("X-Vapi-Secret", DrillPlatforms.VAPI_SECRET)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Reports.endOfCall("server-kill-" + caller, phone(caller)).toString()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return new Outcome(
          caller,
          sentAt,
          System.nanoTime(),
          answer.statusCode(),
          answer.headers().firstValue("Retry-After").orElse(""));
    } catch (Exception e) {
      return new Outcome(caller, sentAt, System.nanoTime(), -1, "");
    }
  }

  private boolean ready(URI readiness) {
    try {
      return http.send(
                  HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static long count(ConcurrentLinkedQueue<Outcome> outcomes, Predicate<Outcome> which) {
    return outcomes.stream().filter(which).count();
  }

  private static String phone(int caller) {
    return String.format(Locale.ROOT, "+1415702%04d", caller);
  }

  /** The pace of arriving reports: load shape, not a wait for a workflow. */
  private static void pause(Duration pace) {
    try {
      Thread.sleep(pace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
