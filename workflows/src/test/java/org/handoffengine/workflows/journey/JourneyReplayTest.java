package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.followUpEnded;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.handoffengine.workflows.journey.JourneyHarness.message;
import static org.handoffengine.workflows.journey.JourneyHarness.status;

import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.handoffengine.workflows.vapi.VapiActivities;
import org.junit.jupiter.api.Test;

/**
 * Runs histories recorded from earlier versions of the workflows (committed under {@code
 * src/test/resources/histories}: journeys, the reconciler's timer loop and its scheduled pass)
 * against the current code. A change that would break running workflows fails here; guard it with
 * {@code Workflow.getVersion} instead.
 *
 * <p>To record fresh histories after an intended, versioned change, run {@code ./mvnw -pl workflows
 * test -Dtest=JourneyReplayTest -Dhandoff.historyVersion=vN} with one or more of these flags set to
 * {@code true}; each writes {@code <prefix>-<name>.json}, the prefix being {@code
 * handoff.historyVersion} or, without it, the flag's default (one prefix for every flag of the run,
 * and a file of the same name is overwritten, so pass a new prefix):
 *
 * <ul>
 *   <li>{@code handoff.recordHistories} (v1): {@code call-reply-resolved}, {@code
 *       three-unanswered-follow-ups}, {@code follow-up-escalated}, {@code
 *       first-responder-hands-off} and {@code contact-already-in-inbox};
 *   <li>{@code handoff.recordLongAndRefused} (v1): {@code continued-as-new-first-run}, {@code
 *       continued-as-new-next-run} and {@code refused-write-retried};
 *   <li>{@code handoff.recordAgentActions} (v1): {@code agent-actions};
 *   <li>{@code handoff.recordNewPaths} (v4): {@code refused-follow-up-call-retried} and {@code
 *       placement-cancelled-then-escalated-now};
 *   <li>{@code handoff.recordSummaryOpens} (v5): {@code search-attributes-at-start};
 *   <li>{@code handoff.recordCallInOneStep} (v6) and {@code handoff.recordContactInOneStep} (v7):
 *       the same journey, {@code conversation-opens-with-the-call} under the prefix v6 and {@code
 *       contact-and-conversation-in-one-step} under any other.
 *   <li>{@code handoff.recordOwnConversation} (v8): {@code status-of-another-conversation}, an old
 *       conversation of the customer resolved before the journey's own.
 *   <li>{@code handoff.recordUndialledCall} (v9): {@code undialled-call-placed-again}, a follow-up
 *       Vapi could not dial (every call slot busy) placed again.
 * </ul>
 *
 * <p>The reconcilers' histories are written by their own tests: {@code
 * -Dtest=CallReconcilerWorkflowTest -Dhandoff.recordReconciler=true} writes {@code
 * v4-reconciler-refused-pass.json} (a fixed name), and {@code -Dtest=ReconcilePassWorkflowTest
 * -Dhandoff.recordReconcilePass=true} writes {@code <prefix>-reconcile-pass-of-a-route.json}
 * (prefix from {@code handoff.historyVersion}, default v7). Each committed file came from its
 * recorder as it was then; {@code v5-summary-opens-conversation.json} is one the code no longer
 * writes: {@code handoff.recordSummaryOpens} wrote it before search-attributes-at-start existed, on
 * code that decided source-id-from-contact 2 on its own. Commit the new files beside the old ones
 * (old ones stay: workflows started on old code are still running).
 */
class JourneyReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void recordedHistoriesReplayAgainstTheCurrentWorkflow() throws Exception {
    if (Boolean.getBoolean("handoff.recordHistories")) {
      record();
    }
    if (Boolean.getBoolean("handoff.recordLongAndRefused")) {
      recordLongAndRefused(System.getProperty("handoff.historyVersion", "v1"));
    }
    if (Boolean.getBoolean("handoff.recordAgentActions")) {
      recordAgentActions(System.getProperty("handoff.historyVersion", "v1"));
    }
    if (Boolean.getBoolean("handoff.recordNewPaths")) {
      recordNewPaths(System.getProperty("handoff.historyVersion", "v4"));
    }
    if (Boolean.getBoolean("handoff.recordSummaryOpens")) {
      recordSummaryOpens(System.getProperty("handoff.historyVersion", "v5"));
    }
    if (Boolean.getBoolean("handoff.recordCallInOneStep")) {
      recordCallInOneStep(System.getProperty("handoff.historyVersion", "v6"));
    }
    if (Boolean.getBoolean("handoff.recordContactInOneStep")) {
      recordCallInOneStep(System.getProperty("handoff.historyVersion", "v7"));
    }
    if (Boolean.getBoolean("handoff.recordOwnConversation")) {
      recordOwnConversation(System.getProperty("handoff.historyVersion", "v8"));
    }
    if (Boolean.getBoolean("handoff.recordUndialledCall")) {
      recordUndialledCall(System.getProperty("handoff.historyVersion", "v9"));
    }
    List<WorkflowExecutionHistory> histories = committedHistories();
    assertThat(histories).as("committed histories").hasSizeGreaterThanOrEqualTo(3);

    for (WorkflowExecutionHistory history : histories) {
      replayPatiently(history, JourneyWorkflowImpl.class);
    }
  }

  /**
   * Replays one history; a deadlock report (the workflow thread held for over a second, which a
   * machine with a dozen JVMs on two cores produces while classes load) is not a replay failure, so
   * it is tried again, up to three times.
   */
  private static void replayPatiently(WorkflowExecutionHistory history, Class<?> workflow)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        WorkflowReplayer.replayWorkflowExecution(
            history,
            workflow,
            org.handoffengine.workflows.reconcile.CallReconcilerWorkflowImpl.class,
            org.handoffengine.workflows.reconcile.ReconcilePassWorkflowImpl.class);
        return;
      } catch (Exception failure) {
        if (attempt >= 3 || !isDeadlockReport(failure)) {
          throw failure;
        }
      }
    }
  }

  private static boolean isDeadlockReport(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.internal.sync.PotentialDeadlockException
          || String.valueOf(t.getMessage()).contains("Potential deadlock detected")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every Workflow.getVersion id in the workflow code has a committed history that took that branch
   * at the newest version the code writes (id:version, e.g. search-attributes-at-start:2).
   */
  @Test
  void everyVersionIdInTheCodeIsExercisedByACommittedHistory() throws IOException {
    java.util.Set<String> inCode = new java.util.TreeSet<>();
    var call =
        java.util.regex.Pattern.compile(
            "Workflow\\.getVersion\\(\\s*\"([^\"]+)\"\\s*,[^,]+,\\s*(\\d+)\\s*\\)");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        var matcher = call.matcher(Files.readString(source));
        while (matcher.find()) {
          inCode.add(matcher.group(1) + ":" + matcher.group(2));
        }
      }
    }
    java.util.Set<String> recorded = new java.util.TreeSet<>();
    var converter = io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE;
    for (WorkflowExecutionHistory history : committedHistories()) {
      for (var event : history.getEvents()) {
        if (event.hasMarkerRecordedEventAttributes()
            && "Version".equals(event.getMarkerRecordedEventAttributes().getMarkerName())) {
          var details = event.getMarkerRecordedEventAttributes().getDetailsMap();
          String changeId =
              converter.fromPayloads(
                  0, java.util.Optional.of(details.get("changeId")), String.class, String.class);
          Integer version =
              converter.fromPayloads(
                  0, java.util.Optional.of(details.get("version")), Integer.class, Integer.class);
          recorded.add(changeId + ":" + version);
        }
      }
    }

    assertThat(inCode).as("getVersion ids and newest versions in src/main/java").isNotEmpty();
    assertThat(recorded).as("version markers in the committed histories").containsAll(inCode);
  }

  @Test
  void anIncompatibleChangeIsCaught() throws Exception {
    WorkflowExecutionHistory history = committedHistories().get(0);
    replayPatiently(history, JourneyWorkflowImpl.class); // warms the class loading up as well
    assertReplayFails(history, CallsVapiFirst.class, "does not match");
  }

  @Test
  void anIncompatibleChangeToTheReconcilePassIsCaught() throws Exception {
    List<WorkflowExecutionHistory> passes =
        committedHistories().stream()
            .filter(h -> "ReconcilePassWorkflow".equals(workflowType(h)))
            .toList();
    assertThat(passes).as("committed reconcile pass histories").isNotEmpty();
    for (WorkflowExecutionHistory history : passes) {
      replayPatiently(history, JourneyWorkflowImpl.class);
      // an activity where the history has another: the SDK words it "doesn't match"
      assertReplayFails(
          history, ListsEveryRouteFirst.class, "NonDeterministicException", "EndedCallsOfRoute");
    }
  }

  private static String workflowType(WorkflowExecutionHistory history) {
    return history
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName();
  }

  private static void assertReplayFails(
      WorkflowExecutionHistory history, Class<?> changed, String... inTheFailure) {
    for (int attempt = 1; ; attempt++) {
      Throwable failure =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> WorkflowReplayer.replayWorkflowExecution(history, changed));
      if (attempt < 3 && isDeadlockReport(failure)) {
        continue;
      }
      assertThat(failure).hasMessageContainingAll(inTheFailure);
      return;
    }
  }

  /** The scheduled pass as a careless change might rewrite it: a new first step, unguarded. */
  public static class ListsEveryRouteFirst
      extends org.handoffengine.workflows.reconcile.ReconcilePassWorkflowImpl {
    private final org.handoffengine.workflows.reconcile.ReconcileActivities reconcile =
        Workflow.newActivityStub(
            org.handoffengine.workflows.reconcile.ReconcileActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .build());

    @Override
    public void pass(org.handoffengine.workflows.reconcile.ReconcilePassInput input) {
      java.time.Instant now = java.time.Instant.ofEpochMilli(Workflow.currentTimeMillis());
      reconcile.endedCalls(now.minus(input.lookback()), now);
      super.pass(input);
    }
  }

  /** The journey as a careless change might rewrite it: a new first step, unguarded. */
  public static class CallsVapiFirst extends JourneyWorkflowImpl {
    private final VapiActivities vapi =
        Workflow.newActivityStub(
            VapiActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .build());

    @io.temporal.workflow.WorkflowInit
    public CallsVapiFirst(JourneyInput input) {
      super(input);
    }

    @Override
    public JourneyOutcome run(JourneyInput input) {
      vapi.placeFollowUpCall(
          new FollowUpCallRequest(
              input.journeyId(), 0, "a", "p", input.customerPhone(), null, Map.of()));
      return super.run(input);
    }
  }

  private static List<WorkflowExecutionHistory> committedHistories() throws IOException {
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(HISTORIES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(WorkflowExecutionHistory.fromJson(Files.readString(file)));
      }
    }
    return histories;
  }

  /**
   * Plays representative journeys and writes their histories, prefixed with the workflow version.
   */
  private static void record() throws IOException {
    String version = System.getProperty("handoff.historyVersion", "v1");
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(2));
      harness.callEnded(inboundCall("call-2"));
      harness.journey().customerReplied(message(9001, "thanks"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-9", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-call-reply-resolved.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(25));
      harness.journey().callEnded(followUpEnded("out-1", "customer-did-not-answer", false));
      harness.pass(Duration.ofHours(24));
      harness.journey().callEnded(followUpEnded("out-2", "voicemail", false));
      harness.pass(Duration.ofHours(48));
      harness.journey().callEnded(followUpEnded("out-3", "customer-busy", false));
      harness.pass(Duration.ofHours(73));
      harness
          .journey()
          .conversationStatusChanged(
              new ChatwootEvent(
                  "d-2",
                  JourneyHarness.CONVERSATION,
                  null,
                  null,
                  "resolved",
                  JourneyHarness.START));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-three-unanswered-follow-ups.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(25));
      harness.journey().escalate(new EscalationRequest("api:1", "api", "VIP"));
      harness.journey().callEnded(followUpEnded("out-1", "customer-ended-call", false));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().agentReplied(message(9002, "on it"));
      harness.journey().conversationStatusChanged(status("d-3", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-follow-up-escalated.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      org.mockito.Mockito.when(harness.bot.answer(org.mockito.ArgumentMatchers.any()))
          .thenReturn(new org.handoffengine.workflows.bot.BotReply("Here is what I found.", false));
      JourneySettings base = JourneyHarness.settings();
      JourneySettings withBot =
          new JourneySettings(
              base.chatwoot(),
              base.followUp(),
              base.escalation(),
              base.retry(),
              base.continueAsNewAfterEvents(),
              base.searchAttributes(),
              new org.handoffengine.workflows.policy.BotPolicy(true, 2));
      harness.callEnded(
          JourneyHarness.JOURNEY_ID, JourneyHarness.PHONE, inboundCall("call-1"), withBot);
      harness.pass(Duration.ofMinutes(1));
      for (long id = 9101; id <= 9103; id++) {
        harness.journey().customerReplied(message(id, "question " + id));
        harness.pass(Duration.ofMinutes(1));
      }
      harness.journey().conversationStatusChanged(status("d-4", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-first-responder-hands-off.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      // Chatwoot's answer names the new contact's place in the inbox: no separate look (v3).
      org.mockito.Mockito.when(
              harness.chatwoot.findOrCreateContact(org.mockito.ArgumentMatchers.any()))
          .thenReturn(
              new ContactRef(JourneyHarness.CONTACT, "Dana Whitfield", true, "source-from-create"));
      org.mockito.Mockito.when(
              harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenReturn(new ConversationRef(JourneyHarness.CONVERSATION, "open", true, "run-1"));
      harness.callEnded(inboundCall("call-1"));
      harness.journey().customerReplied(message(9201, "thanks"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-5", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-contact-already-in-inbox.json");
    }
  }

  /**
   * An agent stops the follow-ups, hands the journey back, has the customer called now, escalates
   * and hands back again.
   */
  private static void recordAgentActions(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofMinutes(1));
      harness
          .journey()
          .stopFollowUps(
              new AgentAction("panel:1", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel"));
      harness.pass(Duration.ofMinutes(1));
      harness
          .journey()
          .handBack(new AgentAction("panel:2", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel"));
      harness.pass(Duration.ofMinutes(1));
      harness
          .journey()
          .callNow(
              new AgentAction("panel:3", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel", true));
      harness
          .journey()
          .callNow(
              new AgentAction("panel:4", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel", true));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().callEnded(followUpEnded("out-1", "customer-ended-call", false));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().escalate(new EscalationRequest("api:1", "api", "billing"));
      harness.pass(Duration.ofMinutes(1));
      harness
          .journey()
          .handBack(
              new AgentAction(
                  "chatwoot-unassigned:d-8",
                  "Chatwoot (the conversation was unassigned)",
                  "chatwoot"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().conversationStatusChanged(status("d-9", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-agent-actions.json");
    }
  }

  /** An agent resolves an old conversation of the customer, then the journey's own. */
  private static void recordOwnConversation(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(2));
      harness
          .journey()
          .conversationStatusChanged(
              new ChatwootEvent(
                  "d-old",
                  JourneyHarness.CONVERSATION - 1,
                  null,
                  null,
                  "resolved",
                  JourneyHarness.START));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().conversationStatusChanged(status("d-1", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-status-of-another-conversation.json");
    }
  }

  /** A follow-up call Vapi could not dial, placed again; the next one rings. */
  private static void recordUndialledCall(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(25));
      harness.journey().callEnded(followUpEnded("out-1", FollowUpCalls.CONCURRENCY_BLOCKED, false));
      harness.pass(Duration.ofMinutes(10));
      harness.journey().callEnded(followUpEnded("out-2", "customer-did-not-answer", false));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-11", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-undialled-call-placed-again.json");
    }
  }

  /** Journeys that continue as new, and a refused write an operator retried. */
  private static void recordLongAndRefused(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      JourneyWorkflow journey =
          harness.callEnded(
              JourneyHarness.JOURNEY_ID,
              JourneyHarness.PHONE,
              inboundCall("call-1"),
              JourneyHarness.settings(
                  org.handoffengine.workflows.policy.CallingWindow.ALWAYS, 100));
      harness.pass(Duration.ofMinutes(1));
      String firstRun = WorkflowStub.fromTyped(journey).describe().getExecution().getRunId();
      for (int i = 0; i < 60; i++) {
        harness
            .journey()
            .callEvent(
                new CallEvent(
                    "live-" + i, "status-update", "in-progress", null, JourneyHarness.START));
        harness.pass(Duration.ofSeconds(1));
      }
      harness.pass(Duration.ofHours(25));
      harness.journey().callEnded(followUpEnded("out-1", "customer-did-not-answer", false));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().customerReplied(message(9301, "sorry, missed you"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-6", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, firstRun, version + "-continued-as-new-first-run.json");
      write(harness, version + "-continued-as-new-next-run.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      org.mockito.Mockito.when(
              harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenThrow(
              io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                  "Chatwoot answered 422: Inbox is not an API inbox", "PlatformRejected"))
          .thenReturn(new ConversationRef(JourneyHarness.CONVERSATION, "open", true));
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().retry();
      harness.pass(Duration.ofMinutes(1));
      harness.journey().conversationStatusChanged(status("d-7", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-refused-write-retried.json");
    }
  }

  /** The paths the refusal policy, the cancellable placement and the honest escalation added. */
  private static void recordNewPaths(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      org.mockito.Mockito.when(harness.vapi.placeFollowUpCall(org.mockito.ArgumentMatchers.any()))
          .thenThrow(
              io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                  "Vapi answered 400: customer.number must be a valid phone number",
                  "PlatformRejected"))
          .thenReturn(new org.handoffengine.workflows.vapi.PlacedCall("out-1", false));
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(25));
      harness.journey().retry();
      harness.pass(Duration.ofMinutes(5));
      harness.journey().callEnded(followUpEnded("out-1", "customer-did-not-answer", false));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-8", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-refused-follow-up-call-retried.json");
    }
    try (JourneyHarness harness = new JourneyHarness()) {
      org.mockito.Mockito.when(harness.vapi.placeFollowUpCall(org.mockito.ArgumentMatchers.any()))
          .thenThrow(
              io.temporal.failure.ApplicationFailure.newFailure(
                  "Vapi answered 503", "PlatformUnavailable"));
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(25));
      harness.journey().customerReplied(message(9501, "no need to call"));
      harness.pass(Duration.ofMinutes(5));
      harness
          .journey()
          .escalateNow(new EscalationRequest("vapi-tool:t1", "vapi", "wants a person"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-9", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-placement-cancelled-then-escalated-now.json");
    }
  }

  /** A caller Chatwoot does not know yet, on a journey started with its first search attributes. */
  private static JourneyHarness newCallerStartedWithItsAttributes() {
    JourneyHarness harness = new JourneyHarness();
    harness.startWithSearchAttributes = true;
    org.mockito.Mockito.when(
            harness.chatwoot.findOrCreateContact(org.mockito.ArgumentMatchers.any()))
        .thenReturn(
            new ContactRef(
                JourneyHarness.CONTACT, "Dana Whitfield", true, "source-from-create", "run-1"));
    return harness;
  }

  /**
   * A new caller in four Chatwoot round trips (the summary opens the conversation) whose journey
   * was started with its first search attributes, as the starter does (search-attributes-at-start
   * 1).
   */
  private static void recordSummaryOpens(String version) throws IOException {
    try (JourneyHarness harness = newCallerStartedWithItsAttributes()) {
      org.mockito.Mockito.when(
              harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenReturn(
              new ConversationRef(JourneyHarness.CONVERSATION, "open", true, "run-1", 4999L));
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(2));
      harness.callEnded(inboundCall("call-2"));
      harness.journey().customerReplied(message(9601, "thanks"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-10", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-search-attributes-at-start.json");
    }
  }

  /**
   * {@code search-attributes-at-start} 2: a new caller's conversation opens with the whole call;
   * the second call posts into it as before.
   */
  private static void recordCallInOneStep(String version) throws IOException {
    try (JourneyHarness harness = newCallerStartedWithItsAttributes()) {
      org.mockito.Mockito.when(
              harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenAnswer(
              call ->
                  harness.opened(
                      call.getArgument(0),
                      new ConversationRef(
                          JourneyHarness.CONVERSATION, "open", true, "run-1", 4999L)));
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofHours(2));
      harness.callEnded(inboundCall("call-2"));
      harness.journey().customerReplied(message(9601, "thanks"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-10", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(
          harness,
          version
              + (version.equals("v6")
                  ? "-conversation-opens-with-the-call.json"
                  : "-contact-and-conversation-in-one-step.json"));
    }
  }

  private static void write(JourneyHarness harness, String runId, String name) throws IOException {
    Files.createDirectories(HISTORIES);
    String json = harness.client.fetchHistory(JourneyHarness.JOURNEY_ID, runId).toJson(true);
    Files.writeString(HISTORIES.resolve(name), json);
  }

  private static void write(JourneyHarness harness, String name) throws IOException {
    Files.createDirectories(HISTORIES);
    String json = harness.client.fetchHistory(JourneyHarness.JOURNEY_ID).toJson(true);
    Files.writeString(HISTORIES.resolve(name), json);
  }
}
