package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Drill: Chatwoot refuses connections while 500 end-of-call reports arrive, then comes back. Every
 * report is acknowledged during the outage, journeys retry through it, and once Chatwoot is back
 * there are 500 conversations and nothing twice.
 *
 * <p>It runs on the test profile's short attempt timeout (10 s, Chatwoot calls 3 s): when 500
 * journeys resume at once on a busy 2-core machine, attempts run long, which is what the attempt
 * deadline in the Chatwoot activities is for (before it, 29 messages of 1,500 were posted twice
 * here). Failed attempts are not logged one by one.
 */
@Drill
@TestPropertySource(
    properties = {
      "logging.level.io.temporal.internal.activity=ERROR",
      "logging.level.io.temporal.internal.worker.ActivityWorker=ERROR"
    })
class ChatwootOutageDrillTest extends EngineTest {

  private static final int REPORTS = 500;

  @Test
  void fiveHundredReportsDuringAnOutageBecomeFiveHundredConversationsAndNoDuplicates() {
    List<String> phones = Callers.block(600, REPORTS);
    AtomicInteger transcripts = new AtomicInteger();
    Runnable stopCounting =
        CHATWOOT.onRequest(
            r -> {
              if (r.status() == 200
                  && r.path().endsWith("/messages")
                  && r.body().contains(":transcript")
                  && r.body().contains("call:outage-")) {
                transcripts.incrementAndGet();
              }
            });
    try {
      CHATWOOT.goDown();

      List<Integer> statuses =
          Concurrently.map(
              IntStream.range(0, REPORTS).boxed().toList(),
              16,
              i ->
                  postVapi(Reports.endOfCall("outage-" + i, phones.get(i)).toString())
                      .statusCode());

      assertThat(statuses)
          .as("acknowledged while Chatwoot is down")
          .hasSize(REPORTS)
          .containsOnly(200);
      // The embedded server hands out tasks newest first, so the last report's journey is the one
      // sure to be tried while Chatwoot is down; a real server hands them out oldest first, so it
      // is
      // the last to be tried. The others are counted from their histories below.
      awaitRefusedAtLeastOnce(journeyOf(phones.get(REPORTS - 1)));

      CHATWOOT.comeBack();

      CHATWOOT.awaitUntil(
          REPORTS + " transcripts", () -> transcripts.get() >= REPORTS, Duration.ofMinutes(2));
      CHATWOOT.awaitUntil(
          "every call's three messages",
          () -> ChatwootTally.of(CHATWOOT, phones).messages() >= 3 * REPORTS,
          Duration.ofMinutes(1));
    } finally {
      stopCounting.run();
      CHATWOOT.comeBack();
    }
    assertThat(ChatwootTally.of(CHATWOOT, phones)).isEqualTo(ChatwootTally.exactlyOnce(REPORTS, 3));
    assertThat(transcripts.get()).isEqualTo(REPORTS);
    long retried = phones.stream().filter(phone -> retriedAnActivity(journeyOf(phone))).count();
    assertThat(retried).as("journeys that met the refused connection").isPositive();
    System.out.printf(
        "Chatwoot outage drill: %d reports acknowledged while down, %d journeys retried through the outage, %s%n",
        REPORTS, retried, ChatwootTally.of(CHATWOOT, phones));
  }

  private boolean retriedAnActivity(String journeyId) {
    return temporal.fetchHistory(journeyId).getEvents().stream()
        .anyMatch(
            e ->
                e.hasActivityTaskStartedEventAttributes()
                    && e.getActivityTaskStartedEventAttributes().getAttempt() > 1);
  }

  /**
   * Waits until the journey's pending Chatwoot activity has failed on a refused connection and is
   * being retried. A retry leaves no event in the history, so each look is paced by a one-second
   * history long poll, as {@link EngineTest#awaitJourney} does.
   */
  private void awaitRefusedAtLeastOnce(String journeyId) {
    var service = temporal.getWorkflowServiceStubs().blockingStub();
    String namespace = temporal.getOptions().getNamespace();
    WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(journeyId).build();
    // 500 journeys stand before it in a real server's queue, each retrying through the outage.
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      List<PendingActivityInfo> pending =
          service
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(execution)
                      .build())
              .getPendingActivitiesList();
      // The failure's message is encrypted like every payload; its type is not.
      if (pending.stream()
          .anyMatch(
              a ->
                  a.getAttempt() >= 2
                      && a.getLastFailure()
                          .getApplicationFailureInfo()
                          .getType()
                          .equals("PlatformUnreachable"))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "journey " + journeyId + " never met the outage; pending: " + pending);
      }
      try {
        service
            .withDeadlineAfter(1, TimeUnit.SECONDS)
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(namespace)
                    .setExecution(execution)
                    .setWaitNewEvent(true)
                    .build());
      } catch (StatusRuntimeException nothingNewWithinASecond) {
        // look again
      }
    }
  }
}
