package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.SearchAttributeKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiServerMessage.EndOfCallReport;
import org.handoffengine.platforms.vapi.VapiWebhook;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyOutcome;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * With payload encryption on (as every engine test runs), nothing Temporal stores unencrypted names
 * the customer: not the workflow id, the search attributes, the static summary, activity summaries,
 * failure messages, nor any other field of the journey's history or description. And a customer
 * whose journey started before ids were hashed keeps that journey while it runs.
 */
class CustomerPrivacyTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BEARER = "Bearer test-api-token";
  private static final String ENCRYPTED = "binary/encrypted";

  @Autowired JourneyClient journeys;

  @Test
  void noUnencryptedFieldOfAJourneysHistoryOrDescriptionNamesTheCustomer() {
    String phone = "+14155559713";
    String journeyId = journeyOf(phone);
    postVapi(Reports.endOfCall("call-privacy-1", phone).toString());
    awaitJourney(journeyId, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    // A refused hand-over (its failure travels in the history) and the retry that completes it.
    CHATWOOT.faults().failNextWrites(1, 422);
    post(
        "/journeys/" + journeyId + "/escalate",
        "{\"reason\":\"asked for a manager\"}",
        "Authorization",
        BEARER);
    awaitJourney(journeyId, s -> s.stage() == JourneyStage.NEEDS_ATTENTION);
    post("/journeys/" + journeyId + "/retry", "{}", "Authorization", BEARER);
    awaitJourney(journeyId, s -> s.stage() == JourneyStage.ESCALATED);

    Stored stored = new Stored();
    stored.walk(history(journeyId), false);
    stored.walk(describe(journeyId), false);

    assertThat(journeyId).isEqualTo("journey-" + customers.keyOf(phone));
    assertThat(stored.unencryptedPayloads)
        .as("payloads outside search attributes and version markers that are not ciphertext")
        .isEmpty();
    assertThat(stored.text)
        .as("sanity: the walk reads the id and the search attributes")
        .contains(journeyId, "HandoffCustomerKey", customers.keyOf(phone), "HandoffStage");
    assertThat(stored.text)
        .doesNotContain(
            phone, phone.substring(1), phone.substring(2), "555-9713", "5559713", "•••9713")
        .doesNotContain("Alex", "Rivera", "Harbor Lane", "e-bike order 88231");
    var attributes =
        temporal.newUntypedWorkflowStub(journeyId).describe().getTypedSearchAttributes();
    assertThat(attributes.get(SearchAttributeKey.forKeyword("HandoffCustomerKey")))
        .isEqualTo(customers.keyOf(phone));
    assertThat(attributes.get(SearchAttributeKey.forKeyword("HandoffCustomerPhone"))).isNull();

    // The API computes the key: the number still finds the journey.
    HttpResponse<String> byPhone = get("/journeys?phone=%2B14155559713", "Authorization", BEARER);
    assertThat(JSON.readTree(byPhone.body()).path("journeyId").asString()).isEqualTo(journeyId);
  }

  @Test
  void aCallerWhoseJourneyStartedBeforeHashedIdsReachesThatJourneyWhileItRuns() {
    String phone = "+14155559714";
    String legacy = JourneyIds.legacyForCustomer(null, phone);
    startAsBeforeHashedIds(legacy, "call-legacy-1", phone);
    awaitJourney(legacy, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    // The census counts it (on a real server; the embedded one cannot count, so lookups always
    // look).
    awaitLegacyCount(running -> running > 0);
    assertThat(customers.legacyLookups()).isTrue();

    HttpResponse<String> second = postVapi(Reports.endOfCall("call-legacy-2", phone).toString());

    assertThat(JSON.readTree(second.body()).path("journeyId").asString()).isEqualTo(legacy);
    assertThat(awaitJourney(legacy, s -> s.calls().size() == 2).calls()).hasSize(2);
    assertThatThrownBy(() -> temporal.newUntypedWorkflowStub(journeyOf(phone)).describe())
        .as("no second journey beside the running one")
        .isInstanceOf(WorkflowNotFoundException.class);
    HttpResponse<String> byPhone = get("/journeys?phone=%2B14155559714", "Authorization", BEARER);
    assertThat(JSON.readTree(byPhone.body()).path("journeyId").asString()).isEqualTo(legacy);

    // Once it has ended, the customer's next call starts a journey under the hashed id.
    temporal.newUntypedWorkflowStub(legacy).terminate("test: the old journey ends");
    HttpResponse<String> third = postVapi(Reports.endOfCall("call-legacy-3", phone).toString());
    assertThat(JSON.readTree(third.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    awaitJourney(journeyOf(phone), s -> s.calls().size() == 1);

    // Once a count finds none running, a lookup by number no longer asks Temporal for legacy ids.
    if (awaitLegacyCount(running -> running == 0).isPresent()) {
      assertThat(customers.legacyLookups()).isFalse();
      assertThat(customers.candidateIds(null, phone)).containsExactly(journeyOf(phone));
    } else {
      assertThat(customers.legacyLookups())
          .as("a server that cannot count: lookups keep looking")
          .isTrue();
    }
    HttpResponse<String> fourth = postVapi(Reports.endOfCall("call-legacy-4", phone).toString());
    assertThat(JSON.readTree(fourth.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    awaitJourney(journeyOf(phone), s -> s.calls().size() == 2);
  }

  @Test
  void reopeningAConversationOfAJourneyFromBeforeHashedIdsStartsNoRunUnderThePlainNumber() {
    String phone = "+14155559716";
    String legacy = JourneyIds.legacyForCustomer(null, phone);
    startAsBeforeHashedIds(legacy, "call-legacy-reopen", phone);
    long conversation =
        awaitJourney(legacy, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY).conversationId();
    awaitLegacyCount(running -> running > 0);
    // While it runs, its conversation's events reach it under its own id.
    postChatwoot(CHATWOOT.changeStatus(conversation, "resolved").toString(), "reopen-1");
    assertThat(
            temporal
                .newUntypedWorkflowStub(legacy)
                .getResult(JourneyOutcome.class)
                .conversationId())
        .isEqualTo(conversation);

    HttpResponse<String> reopen =
        postChatwoot(CHATWOOT.changeStatus(conversation, "open").toString(), "reopen-2");

    assertThat(JSON.readTree(reopen.body()).path("signal").asString()).isEqualTo("reopened");
    assertThat(JSON.readTree(reopen.body()).path("journeyId").asString())
        .isEqualTo(journeyOf(phone));
    assertThat(
            awaitJourney(journeyOf(phone), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY)
                .conversationId())
        .isEqualTo(conversation);
    assertThat(describe(legacy).getWorkflowExecutionInfo().getStatus())
        .as("the plain-number id has no new run")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    // The conversation still names the old id; its next event reaches the run the reopen started.
    postChatwoot(CHATWOOT.changeStatus(conversation, "resolved").toString(), "reopen-3");
    assertThat(
            temporal
                .newUntypedWorkflowStub(journeyOf(phone))
                .getResult(JourneyOutcome.class)
                .stage())
        .isEqualTo(JourneyStage.RESOLVED);
  }

  /**
   * Starts {@code legacyId} with the call, as an engine before hashed ids did (a journey named in
   * the call's metadata keeps its id).
   */
  private void startAsBeforeHashedIds(String legacyId, String callId, String phone) {
    CallReport call =
        VapiCallReports.fromEndOfCallReport(
            (EndOfCallReport)
                JSON.readValue(Reports.endOfCall(callId, phone).toString(), VapiWebhook.class)
                    .message(),
            "US");
    journeys.callEnded(journeys.callerOf(call, legacyId), call);
  }

  /**
   * Recounts the running legacy journeys until the count satisfies {@code until} (visibility trails
   * the journeys by a moment); empty at once where the server cannot count.
   */
  private OptionalLong awaitLegacyCount(LongPredicate until) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      OptionalLong running = customers.recountLegacyJourneys();
      if (running.isEmpty() || until.test(running.getAsLong())) {
        return running;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("legacy journeys running: " + running.getAsLong());
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  private History history(String journeyId) {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(journeyId))
                .build())
        .getHistory();
  }

  private DescribeWorkflowExecutionResponse describe(String journeyId) {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(journeyId))
                .build());
  }

  /**
   * Every field Temporal stores in the clear, as text: strings, enums, numbers, map keys, payload
   * metadata, and the data of every payload that is not ciphertext. Search attribute values (the
   * server indexes them) and the SDK's version markers are the payloads that are plain by design;
   * every other one must be ciphertext.
   */
  private static final class Stored {
    final StringBuilder text = new StringBuilder();
    final List<String> unencryptedPayloads = new ArrayList<>();

    void walk(MessageOrBuilder message, boolean plainByDesign) {
      String type = message.getDescriptorForType().getFullName();
      if (type.equals(Payload.getDescriptor().getFullName())) {
        Payload payload = (Payload) message;
        payload
            .getMetadataMap()
            .forEach(
                (key, value) ->
                    text.append(key).append('=').append(value.toStringUtf8()).append('\n'));
        String encoding = payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
        if (!encoding.equals(ENCRYPTED)) {
          text.append(payload.getData().toStringUtf8()).append('\n');
          if (!plainByDesign) {
            unencryptedPayloads.add(encoding + ": " + payload.getData().toStringUtf8());
          }
        }
        return;
      }
      boolean plain =
          plainByDesign
              || type.equals("temporal.api.common.v1.SearchAttributes")
              // The SDK's version markers: a change id and a number, written past the codec.
              || type.equals("temporal.api.history.v1.MarkerRecordedEventAttributes");
      for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
        List<?> values =
            field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
        for (Object value : values) {
          if (value instanceof MessageOrBuilder child) {
            walk(child, plain);
          } else if (value instanceof ByteString bytes) {
            text.append(bytes.toStringUtf8()).append('\n');
          } else {
            text.append(value).append('\n');
          }
        }
      }
    }
  }
}
