package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Runs journey histories recorded from earlier versions of the workflow (committed under
 * {@code src/test/resources/histories}) against the current code. A change that would break
 * running journeys fails here; guard it with {@code Workflow.getVersion} instead.
 *
 * <p>To record fresh histories after an intended, versioned change: {@code ./mvnw -pl workflows
 * test -Dtest=JourneyReplayTest -Dhandoff.recordHistories=true} (also {@code
 * -Dhandoff.recordLongAndRefused}, {@code -Dhandoff.recordAgentActions}); commit the new files beside the
 * old ones (old ones stay: journeys started on old code are still running).
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
    List<WorkflowExecutionHistory> histories = committedHistories();
    assertThat(histories).as("committed histories").hasSizeGreaterThanOrEqualTo(3);

    var results = WorkflowReplayer.replayWorkflowExecutions(histories, false, JourneyWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }

  @Test
  void anIncompatibleChangeIsCaught() throws Exception {
    WorkflowExecutionHistory history = committedHistories().get(0);
    // The first replay in a JVM loads Jackson's deserializers on the workflow thread; on a loaded
    // machine that can exceed the deadlock detector's second and hide the mismatch looked for below.
    WorkflowReplayer.replayWorkflowExecution(history, JourneyWorkflowImpl.class);

    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, CallsVapiFirst.class))
        .hasMessageContaining("does not match");
  }

  /** The journey as a careless change might rewrite it: a new first step, unguarded. */
  public static class CallsVapiFirst extends JourneyWorkflowImpl {
    private final VapiActivities vapi =
        Workflow.newActivityStub(
            VapiActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());

    @io.temporal.workflow.WorkflowInit
    public CallsVapiFirst(JourneyInput input) {
      super(input);
    }

    @Override
    public JourneyOutcome run(JourneyInput input) {
      vapi.placeFollowUpCall(new FollowUpCallRequest(input.journeyId(), 0, "a", "p", input.customerPhone(), null, Map.of()));
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

  /** Plays representative journeys and writes their histories, prefixed with the workflow version. */
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
      harness.journey().conversationStatusChanged(new ChatwootEvent("d-2", JourneyHarness.CONVERSATION, null, null, "resolved", JourneyHarness.START));
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
          new JourneySettings(base.chatwoot(), base.followUp(), base.escalation(), base.retry(), base.continueAsNewAfterEvents(),
              base.searchAttributes(), new org.handoffengine.workflows.policy.BotPolicy(true, 2));
      harness.callEnded(JourneyIds.forCustomer(JourneyHarness.PHONE), JourneyHarness.PHONE, inboundCall("call-1"), withBot);
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
      org.mockito.Mockito.when(harness.chatwoot.findOrCreateContact(org.mockito.ArgumentMatchers.any()))
          .thenReturn(new ContactRef(JourneyHarness.CONTACT, "Dana Whitfield", true, "source-from-create"));
      org.mockito.Mockito.when(harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenReturn(new ConversationRef(JourneyHarness.CONVERSATION, "open", true, "run-1"));
      harness.callEnded(inboundCall("call-1"));
      harness.journey().customerReplied(message(9201, "thanks"));
      harness.pass(Duration.ofMinutes(5));
      harness.journey().conversationStatusChanged(status("d-5", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-contact-already-in-inbox.json");
    }
  }

  /** An agent stops the follow-ups, hands the journey back, has the customer called now, escalates and hands back again. */
  private static void recordAgentActions(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      harness.callEnded(inboundCall("call-1"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().stopFollowUps(new AgentAction("panel:1", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().handBack(new AgentAction("panel:2", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().callNow(new AgentAction("panel:3", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel", true));
      harness.journey().callNow(new AgentAction("panel:4", "Jordan Lee (Chatwoot agent 31)", "chatwoot-panel", true));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().callEnded(followUpEnded("out-1", "customer-ended-call", false));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().escalate(new EscalationRequest("api:1", "api", "billing"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().handBack(new AgentAction("chatwoot-unassigned:d-8", "Chatwoot (the conversation was unassigned)", "chatwoot"));
      harness.pass(Duration.ofMinutes(1));
      harness.journey().conversationStatusChanged(status("d-9", "resolved"));
      WorkflowStub.fromTyped(harness.journey()).getResult(JourneyOutcome.class);
      write(harness, version + "-agent-actions.json");
    }
  }

  /** Journeys that continue as new, and a refused write an operator retried. */
  private static void recordLongAndRefused(String version) throws IOException {
    try (JourneyHarness harness = new JourneyHarness()) {
      JourneyWorkflow journey =
          harness.callEnded(JourneyIds.forCustomer(JourneyHarness.PHONE), JourneyHarness.PHONE, inboundCall("call-1"),
              JourneyHarness.settings(org.handoffengine.workflows.policy.CallingWindow.ALWAYS, 100));
      harness.pass(Duration.ofMinutes(1));
      String firstRun = WorkflowStub.fromTyped(journey).describe().getExecution().getRunId();
      for (int i = 0; i < 60; i++) {
        harness.journey().callEvent(new CallEvent("live-" + i, "status-update", "in-progress", null, JourneyHarness.START));
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
      org.mockito.Mockito.when(harness.chatwoot.openConversation(org.mockito.ArgumentMatchers.any()))
          .thenThrow(io.temporal.failure.ApplicationFailure.newNonRetryableFailure("Chatwoot answered 422: Inbox is not an API inbox", "PlatformRejected"))
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

  private static void write(JourneyHarness harness, String runId, String name) throws IOException {
    Files.createDirectories(HISTORIES);
    String json = harness.client.fetchHistory(JourneyIds.forCustomer(JourneyHarness.PHONE), runId).toJson(true);
    Files.writeString(HISTORIES.resolve(name), json);
  }

  private static void write(JourneyHarness harness, String name) throws IOException {
    Files.createDirectories(HISTORIES);
    String json = harness.client.fetchHistory(JourneyIds.forCustomer(JourneyHarness.PHONE)).toJson(true);
    Files.writeString(HISTORIES.resolve(name), json);
  }
}
