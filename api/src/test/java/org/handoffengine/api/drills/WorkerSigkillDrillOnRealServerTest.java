package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.api.realserver.RealTemporalServers;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drill: the worker role in a JVM of its own is killed with SIGKILL while journeys run, and a new
 * worker process takes over. Sticky queues are on, as in production: the journeys the dead worker
 * had cached get their next workflow task on its sticky queue, which the real server moves to the
 * normal queue after the sticky schedule-to-start timeout (5 s); its unfinished activity attempts
 * are retried once their attempt timeout (10 s in the test profile) has passed.
 *
 * <p>The api role (in the test's JVM) keeps acknowledging reports while no worker runs. Reports
 * arrive at a steady pace and every journey places one follow-up call {@code QUIET_PERIOD} after
 * its conversation opened, so at the kill some journeys are recording their call, some are waiting
 * on the follow-up timer and some are placing the call: each of those steps must happen once.
 */
@Drill
@RealTemporal
class WorkerSigkillDrillOnRealServerTest {

  private static final int JOURNEYS = 48;
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(8);
  private static final Duration PACE = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyJourneyCompletesOnceAfterTheWorkerIsKilled() throws Exception {
    List<String> phones = Callers.block(701, JOURNEYS);
    String namespace = RealTemporalServers.freshNamespace();
    long drillStarted = System.nanoTime();
    try (DrillPlatforms platforms = new DrillPlatforms(QUIET_PERIOD);
        ConfigurableApplicationContext api =
            DrillPlatforms.inThisJvm(
                platforms.settings("api", RealTemporalServers.target(), namespace))) {
      Map<String, String> workerSettings =
          platforms.settings("worker", RealTemporalServers.target(), namespace);
      URI webhook =
          URI.create(
              "http://127.0.0.1:"
                  + api.getEnvironment().getProperty("local.server.port")
                  + "/webhooks/vapi");
      List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

      EngineJvm firstWorker = EngineJvm.start("worker-1", workerSettings);
      long killedAt;
      int recordedAtKill;
      int placedAtKill;
      int acknowledgedAtKill;
      List<Integer> stranded = new ArrayList<>();
      CompletableFuture<Void> reports;
      try {
        reports =
            CompletableFuture.runAsync(
                () ->
                    IntStream.range(0, JOURNEYS)
                        .forEach(
                            n -> {
                              statuses.add(
                                  post(
                                      webhook,
                                      Reports.endOfCall(callId(n), phones.get(n)).toString()));
                              pause(PACE);
                            }));
        // Mid-way: the first follow-up calls placed while later reports are still arriving.
        platforms.vapi.awaitUntil(
            "the first follow-up calls", () -> platforms.placedCalls() >= JOURNEYS / 8, PATIENCE);
        firstWorker.kill();
        killedAt = System.nanoTime();
        acknowledgedAtKill = statuses.size();
        recordedAtKill = platforms.transcripts();
        placedAtKill = platforms.placedCalls();
      } finally {
        firstWorker.close();
      }
      // Stranded: acknowledged journeys the dead worker had not finished (no follow-up call yet).
      Map<String, Long> placed = platforms.placedCallsByNumber();
      for (int n = 0; n < JOURNEYS; n++) {
        if (!placed.containsKey(phones.get(n)) && n < acknowledgedAtKill) {
          stranded.add(n);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "[drill] worker-1 (pid %d) killed with SIGKILL: %d reports acknowledged, %d transcripts recorded, %d follow-up calls placed%n",
          firstWorker.pid(),
          acknowledgedAtKill,
          recordedAtKill,
          placedAtKill);

      long restartedAt;
      try (EngineJvm secondWorker = EngineJvm.start("worker-2", workerSettings)) {
        restartedAt = System.nanoTime();
        reports.get();
        platforms.chatwoot.awaitUntil(
            "every journey's transcript", () -> platforms.transcripts() >= JOURNEYS, PATIENCE);
        platforms.vapi.awaitUntil(
            "every journey's follow-up call", () -> platforms.placedCalls() >= JOURNEYS, PATIENCE);
        OpenJourneys.awaitSettled(api.getBean(WorkflowClient.class), JOURNEYS, PATIENCE);
        long lastStrandedDone =
            stranded.stream()
                .mapToLong(n -> platforms.firstCallAt(phones.get(n)))
                .max()
                .orElseThrow();
        // A stranded journey's call was due QUIET_PERIOD after its conversation opened (just before
        // its transcript was stored); how late it came, counted from when it was due or from when
        // a worker could run it again, whichever is later.
        long latest =
            stranded.stream()
                .mapToLong(
                    n ->
                        platforms.firstCallAt(phones.get(n))
                            - Math.max(restartedAt, dueAt(platforms, n)))
                .max()
                .orElseThrow();

        double healthyAfterKill = (restartedAt - killedAt) / 1e9;
        double resumedAfterHealthy = (lastStrandedDone - restartedAt) / 1e9;
        String figures =
            String.format(
                Locale.ROOT,
                "%d journeys stranded by the kill (%d of %d acknowledged recorded, %d called at the kill); new worker healthy %.1f s after the kill; "
                    + "last stranded journey's follow-up call placed %.1f s after that (%.1f s after the kill); "
                    + "a stranded call at most %.1f s late (after its due time or the new worker, whichever later); drill %.0f s",
                stranded.size(),
                recordedAtKill,
                acknowledgedAtKill,
                placedAtKill,
                healthyAfterKill,
                resumedAfterHealthy,
                healthyAfterKill + resumedAfterHealthy,
                latest / 1e9,
                (System.nanoTime() - drillStarted) / 1e9);
        System.out.println("[drill] worker SIGKILL: " + figures);

        ChatwootTally tally = ChatwootTally.of(platforms.chatwoot, phones);
        System.out.println(
            "[drill] worker SIGKILL: " + tally + ", " + platforms.placedCalls() + " calls placed");
        assertThat(statuses).as(figures).hasSize(JOURNEYS).containsOnly(200);
        assertThat(stranded).as("journeys in flight at the kill; " + figures).isNotEmpty();
        // Transcript (3 messages) and the follow-up call's note, once each.
        assertThat(tally).as(figures).isEqualTo(ChatwootTally.exactlyOnce(JOURNEYS, 4));
        assertThat(platforms.notCalledExactlyOnce(phones))
            .as("callers not called exactly once; " + figures)
            .isEmpty();
        assertThat(platforms.placedCalls()).as(figures).isEqualTo(JOURNEYS);
      }
    }
  }

  /** When journey {@code n}'s call was due, judged by its transcript's time (0 if not known). */
  private static long dueAt(DrillPlatforms platforms, int n) {
    Long recorded = platforms.transcriptAt(callId(n));
    return recorded == null ? 0 : recorded + QUIET_PERIOD.toNanos();
  }

  private static String callId(int n) {
    return "sigkill-" + n;
  }

  private int post(URI webhook, String report) {
    try {
      return http.send(
              HttpRequest.newBuilder(webhook)
                  .header("Content-Type", "application/json")
                  .header("X-Vapi-Secret", DrillPlatforms.VAPI_SECRET)
                  .POST(HttpRequest.BodyPublishers.ofString(report))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
