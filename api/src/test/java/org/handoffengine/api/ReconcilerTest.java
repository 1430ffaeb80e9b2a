package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflow;
import org.handoffengine.workflows.reconcile.ReconcilerInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A report Vapi never delivered is recovered from its call list; the late report adds nothing. */
class ReconcilerTest extends EngineTest {

  @AfterEach
  void stopReconciler() {
    temporal.newUntypedWorkflowStub(CallReconcilerWorkflow.WORKFLOW_ID).terminate("test over");
  }

  @Test
  void aCallWhoseReportNeverArrivedGetsItsJourneyAndConversation() {
    String phone = "+14155550209";
    Instant engineNow = Instant.ofEpochMilli(testEnvironment.currentTimeMillis());
    JsonNode call =
        VAPI.addEndedInboundCall(
            phone,
            "Sam Lost",
            "customer-ended-call",
            "Sam asked about a refund for order 77120.",
            "AI: Hello.\nUser: I want a refund for 77120.",
            engineNow.minusSeconds(60));
    startReconciler();

    testEnvironment.sleep(Duration.ofMinutes(2)); // one pass

    JourneyView state =
        awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    assertThat(state.calls())
        .extracting(c -> c.callId())
        .containsExactly(call.path("id").asString());
    assertThat(state.lastSummary()).isEqualTo("Sam asked about a refund for order 77120.");
    assertThat(CHATWOOT.messages(state.conversationId())).hasSize(3);

    int late =
        VapiSandbox.deliver(
            URI.create("http://127.0.0.1:" + port + "/webhooks/vapi"),
            "test-vapi-secret",
            VAPI.endOfCallReport(call));
    testEnvironment.sleep(Duration.ofMinutes(2)); // and the next pass sees the same call again

    assertThat(late).isEqualTo(200);
    JourneyView after = awaitJourney(journeyOf(phone), s -> true);
    assertThat(after.calls()).hasSize(1);
    long contactId = CHATWOOT.contactsWithPhone(phone).get(0).path("id").asLong();
    assertThat(CHATWOOT.conversationsOf(contactId)).hasSize(1);
    assertThat(CHATWOOT.messages(state.conversationId())).hasSize(3);
  }

  private void startReconciler() {
    CallReconcilerWorkflow reconciler =
        temporal.newWorkflowStub(
            CallReconcilerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CallReconcilerWorkflow.WORKFLOW_ID)
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    WorkflowClient.start(
        reconciler::run,
        new ReconcilerInput(
            Duration.ofMinutes(1),
            Duration.ofMinutes(30),
            Duration.ZERO,
            50,
            new PlatformRetry(
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))));
  }
}
