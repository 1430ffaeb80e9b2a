package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.api.realserver.RealTemporalServers;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drill: journeys wait on their follow-up timers while the api role, in a JVM of its own, is killed
 * with SIGKILL and started again. The timers are the journeys' own, held by Temporal and fired to
 * the worker role, so each follow-up call is still placed, once.
 */
@Drill
@RealTemporal
class ApiRestartDrillOnRealServerTest {

  private static final int JOURNEYS = 30;
  // Longer than the journeys take to record their calls, so all are on their timer at the kill;
  // shorter than the api role's JVM takes to start here, so the timers fire while it is down.
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(20);
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void followUpsWaitingOnTimersHappenOnceAcrossAnApiRestart() throws Exception {
    List<String> phones = Callers.block(703, JOURNEYS);
    String namespace = RealTemporalServers.freshNamespace();
    long drillStarted = System.nanoTime();
    try (DrillPlatforms platforms = new DrillPlatforms(QUIET_PERIOD);
        ConfigurableApplicationContext worker =
            DrillPlatforms.inThisJvm(
                platforms.settings("worker", RealTemporalServers.target(), namespace))) {
      Map<String, String> apiSettings =
          platforms.settings("api", RealTemporalServers.target(), namespace);
      int waitingAtKill;
      long killedAt;
      EngineJvm firstApi = EngineJvm.start("api-1", apiSettings);
      try {
        List<Integer> statuses =
            Concurrently.map(
                IntStream.range(0, JOURNEYS).boxed().toList(),
                6,
                n -> post(firstApi, n, phones.get(n)));
        assertThat(statuses).containsOnly(200);
        platforms.chatwoot.awaitUntil(
            "every journey's transcript", () -> platforms.transcripts() >= JOURNEYS, PATIENCE);
        waitingAtKill = JOURNEYS - platforms.placedCalls();
        firstApi.kill();
        killedAt = System.nanoTime();
      } finally {
        firstApi.close();
      }
      System.out.printf(
          Locale.ROOT,
          "[drill] api restart: api-1 (pid %d) killed with SIGKILL, %d of %d journeys recorded and waiting on their follow-up timer%n",
          firstApi.pid(),
          waitingAtKill,
          JOURNEYS);

      try (EngineJvm secondApi = EngineJvm.start("api-2", apiSettings)) {
        long restartedAt = System.nanoTime();
        int placedWhileDown = platforms.placedCalls() - (JOURNEYS - waitingAtKill);
        platforms.vapi.awaitUntil(
            "every journey's follow-up call", () -> platforms.placedCalls() >= JOURNEYS, PATIENCE);
        OpenJourneys.awaitSettled(worker.getBean(WorkflowClient.class), JOURNEYS, PATIENCE);
        ChatwootTally tally = ChatwootTally.of(platforms.chatwoot, phones);
        String figures =
            String.format(
                Locale.ROOT,
                "%d of %d journeys waiting on their timer at the kill; api role back %.1f s after the kill; %d calls placed while it was down; "
                    + "%d calls placed in all; %s; drill %.0f s",
                waitingAtKill,
                JOURNEYS,
                (restartedAt - killedAt) / 1e9,
                placedWhileDown,
                platforms.placedCalls(),
                tally,
                (System.nanoTime() - drillStarted) / 1e9);
        System.out.println("[drill] api restart: " + figures);

        assertThat(waitingAtKill)
            .as("journeys waiting on the follow-up timer when the api role died; " + figures)
            .isEqualTo(JOURNEYS);
        assertThat(platforms.notCalledExactlyOnce(phones))
            .as("callers not called exactly once; " + figures)
            .isEmpty();
        assertThat(platforms.placedCalls()).as(figures).isEqualTo(JOURNEYS);
        // Transcript (3 messages) and the follow-up call's note, once each.
        assertThat(tally).as(figures).isEqualTo(ChatwootTally.exactlyOnce(JOURNEYS, 4));
        assertThat(readiness(secondApi)).as("the restarted api role is ready").isEqualTo(200);
      }
    }
  }

  private int post(EngineJvm api, int n, String phone) {
    try {
      return http.send(
              HttpRequest.newBuilder(api.uri("/webhooks/vapi"))
                  .header("Content-Type", "application/json")
                  .header("X-Vapi-Secret", DrillPlatforms.VAPI_SECRET)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Reports.endOfCall("api-restart-" + n, phone).toString()))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int readiness(EngineJvm api) throws Exception {
    return http.send(
            HttpRequest.newBuilder(api.uri("/actuator/health/readiness")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
