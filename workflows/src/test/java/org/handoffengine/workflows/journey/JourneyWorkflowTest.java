package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.CONTACT;
import static org.handoffengine.workflows.journey.JourneyHarness.CONVERSATION;
import static org.handoffengine.workflows.journey.JourneyHarness.PHONE;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ContactRequest;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A call becomes a Chatwoot conversation: the journey's first half, with mocked platforms. */
class JourneyWorkflowTest {

  private final JourneyHarness harness = new JourneyHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aNewCustomersCallBecomesAContactAConversationAndThreeMessages() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    ArgumentCaptor<ContactRequest> contact = ArgumentCaptor.forClass(ContactRequest.class);
    verify(harness.chatwoot).findOrCreateContact(contact.capture());
    assertThat(contact.getValue())
        .isEqualTo(new ContactRequest(1, 7, PHONE, "Dana Whitfield", null));
    verify(harness.chatwoot).ensureContactInbox(any());
    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().journeyId()).isEqualTo(JourneyHarness.JOURNEY_ID);
    assertThat(conversation.getValue().contactId()).isEqualTo(CONTACT);
    // The summary opens the conversation; the rest follows in one step.
    List<OutgoingMessage> messages =
        new java.util.ArrayList<>(List.of(conversation.getValue().firstMessage()));
    messages.addAll(postedMessages().get(0).messages());
    assertThat(messages)
        .extracting(OutgoingMessage::key)
        .containsExactly("call:call-1:summary", "call:call-1:transcript", "call:call-1:details");
    assertThat(messages)
        .extracting(OutgoingMessage::privateNote)
        .containsExactly(false, false, true);
    assertThat(messages.get(0).content()).contains("Dana asked about order 10423");
    assertThat(messages.get(1).content()).startsWith("Transcript").contains("My order 10423");
    assertThat(messages.get(2).content())
        .contains("call-1", "customer-ended-call", "2m 20s", "$0.16", "recording.wav");

    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(state.contactId()).isEqualTo(CONTACT);
    assertThat(state.conversationId()).isEqualTo(CONVERSATION);
    assertThat(state.customerName()).isEqualTo("Dana Whitfield");
    assertThat(state.calls()).extracting(JourneyView.CallSummary::callId).containsExactly("call-1");
    assertThat(state.statusLine())
        .isEqualTo("waiting for reply, follow-up call 1 of 3 at 2026-11-24 09:00 America/New_York");
  }

  @Test
  void aNewCallersContactAndWholeCallGoInOneActivity() {
    when(harness.chatwoot.findOrCreateContact(any()))
        .thenReturn(new ContactRef(CONTACT, "Dana Whitfield", true, "source-from-create", "run-a"));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().firstMessage().key()).isEqualTo("call:call-1:summary");
    assertThat(conversation.getValue().laterMessages())
        .extracting(OutgoingMessage::key)
        .containsExactly("call:call-1:transcript", "call:call-1:details");
    verify(harness.chatwoot, never()).postMessages(any());
    var events =
        harness.client.fetchHistory(JourneyHarness.JOURNEY_ID).getEvents().stream()
            .map(e -> e.getEventType())
            .toList();
    assertThat(events)
        .as("the contact and the conversation with the call: one activity before the wait")
        .filteredOn(t -> t == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .hasSize(1);
    assertThat(events)
        .filteredOn(t -> t == io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .hasSize(2);
    // The transcript, posted in the opening step, is the engine's own message, not an agent's
    // reply.
    harness.journey().agentReplied(JourneyHarness.message(5000, "Transcript"));
    harness.pass(Duration.ofMinutes(1));
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
  }

  @Test
  void anExistingCustomerIsMatchedNotCreated() {
    when(harness.chatwoot.findOrCreateContact(any()))
        .thenReturn(new ContactRef(77, "Dana W.", false));
    when(harness.chatwoot.openConversation(any()))
        .thenAnswer(
            call -> harness.opened(call.getArgument(0), new ConversationRef(555, "open", true)));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().contactId()).isEqualTo(77);
    assertThat(postedMessages())
        .extracting(PostMessagesRequest::conversationId)
        .containsExactly(555L);
    assertThat(harness.journey().state().customerName()).isEqualTo("Dana W.");
  }

  @Test
  void
      aContactAlreadyInTheInboxOpensItsConversationWithoutAnotherLookAndItsFirstMessagesSayWhichRunCreatedIt() {
    when(harness.chatwoot.findOrCreateContact(any()))
        .thenReturn(new ContactRef(CONTACT, "Dana Whitfield", true, "source-from-create"));
    when(harness.chatwoot.openConversation(any()))
        .thenAnswer(
            call ->
                harness.opened(
                    call.getArgument(0), new ConversationRef(CONVERSATION, "open", true, "run-a")));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));
    harness.callEnded(inboundCall("call-2"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot, never()).ensureContactInbox(any());
    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().sourceId()).isEqualTo("source-from-create");
    assertThat(postedMessages())
        .extracting(PostMessagesRequest::conversationCreatedInRun)
        .as("only the new conversation's first messages may skip the look")
        .containsExactly("run-a", null);
  }

  @Test
  void aContactThisRunCreatedSaysSoAndAConversationFoundAgainGetsTheSummaryWithTheRest() {
    when(harness.chatwoot.findOrCreateContact(any()))
        .thenReturn(new ContactRef(CONTACT, "Dana Whitfield", true, "source-from-create", "run-a"));
    // As after a lost answer: the retry found the conversation the first attempt created.
    when(harness.chatwoot.openConversation(any()))
        .thenAnswer(
            call ->
                harness.opened(
                    call.getArgument(0), new ConversationRef(CONVERSATION, "open", false)));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().contactCreatedInRun()).isEqualTo("run-a");
    assertThat(conversation.getValue().firstMessage().key()).isEqualTo("call:call-1:summary");
    // The rest goes in the same step; the activity looks the found conversation through for the
    // summary (by its mark) and the rest, and posts only what is missing.
    assertThat(conversation.getValue().laterMessages())
        .extracting(OutgoingMessage::key)
        .containsExactly("call:call-1:transcript", "call:call-1:details");
    verify(harness.chatwoot, never()).postMessages(any());
    assertThat(postedMessages().get(0).conversationCreatedInRun()).isNull();
  }

  @Test
  void theSummaryOpeningTheConversationCountsAsTheEnginesOwnMessage() {
    when(harness.chatwoot.openConversation(any()))
        .thenAnswer(
            call ->
                harness.opened(
                    call.getArgument(0),
                    new ConversationRef(CONVERSATION, "open", true, "run-a", 4999L)));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));
    // Chatwoot's webhook about the summary, without the engine's mark: still not an agent's reply.
    harness.journey().agentReplied(JourneyHarness.message(4999, "📞 Call summary"));
    harness.pass(Duration.ofMinutes(1));

    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
  }

  @Test
  void aSecondCallJoinsTheSameConversation() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(2));
    harness.callEnded(inboundCall("call-2"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot, times(1)).findOrCreateContact(any());
    verify(harness.chatwoot, times(1)).openConversation(any());
    assertThat(postedMessages())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.conversationId()).isEqualTo(CONVERSATION));
    assertThat(postedMessages().get(1).messages().get(0).key()).isEqualTo("call:call-2:summary");
    assertThat(harness.journey().state().calls()).hasSize(2);
  }

  @Test
  void withoutASummaryTheTranscriptsOpeningStandsIn() {
    CallReport call = inboundCall("call-1");
    harness.callEnded(
        new CallReport(
            call.callId(),
            call.direction(),
            call.customerNumber(),
            call.customerName(),
            call.endedReason(),
            null,
            call.transcript(),
            call.startedAt(),
            call.endedAt(),
            call.costUsd(),
            call.recordingUrl(),
            call.phoneNumberId(),
            call.assistantId(),
            false));
    harness.pass(Duration.ofMinutes(1));

    ArgumentCaptor<ConversationRequest> conversation =
        ArgumentCaptor.forClass(ConversationRequest.class);
    verify(harness.chatwoot).openConversation(conversation.capture());
    assertThat(conversation.getValue().firstMessage().content())
        .contains(
            "Transcript extract: AI: Hi, this is Riley. User: My order 10423 has not arrived.");
    assertThat(harness.journey().state().lastSummary()).startsWith("Transcript extract:");
  }

  @Test
  void aCallerWithoutANumberIsKeyedByCallIdAndNeverCalledBack() {
    CallReport call = inboundCall("web-call-9");
    CallReport anonymous =
        new CallReport(
            call.callId(),
            "web",
            null,
            null,
            call.endedReason(),
            call.summary(),
            call.transcript(),
            call.startedAt(),
            call.endedAt(),
            call.costUsd(),
            null,
            null,
            null,
            false);
    String journeyId = JourneyIds.forAnonymousCall("web-call-9");

    harness.callEnded(journeyId, null, anonymous, JourneyHarness.settings());
    harness.pass(Duration.ofDays(10));

    ArgumentCaptor<ContactRequest> contact = ArgumentCaptor.forClass(ContactRequest.class);
    verify(harness.chatwoot).findOrCreateContact(contact.capture());
    assertThat(contact.getValue().phone()).isNull();
    assertThat(contact.getValue().identifier()).isEqualTo("vapi-call:web-call-9");
    verify(harness.vapi, never()).placeFollowUpCall(any());
    assertThat(harness.client.newWorkflowStub(JourneyWorkflow.class, journeyId).state().stage())
        .isEqualTo(JourneyStage.WAITING_FOR_REPLY);
  }

  @Test
  void theSameReportDeliveredThreeTimesIsRecordedOnce() {
    harness.callEnded(inboundCall("call-1"));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofHours(1));
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    verify(harness.chatwoot, times(1)).findOrCreateContact(any());
    verify(harness.chatwoot, times(1)).openConversation(any());
    assertThat(postedMessages()).hasSize(1);
    assertThat(harness.journey().state().calls()).hasSize(1);
  }

  @Test
  void aRefusedWriteNeedsAttentionUntilRetriedAndLosesNothing() {
    when(harness.chatwoot.openConversation(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Chatwoot answered 422: Inbox is not an API inbox", "PlatformRejected"))
        .thenAnswer(
            call ->
                harness.opened(
                    call.getArgument(0), new ConversationRef(CONVERSATION, "open", true)));

    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    JourneyView blocked = harness.journey().state();
    assertThat(blocked.stage()).isEqualTo(JourneyStage.NEEDS_ATTENTION);
    assertThat(blocked.problem()).contains("Chatwoot answered 422: Inbox is not an API inbox");
    assertThat(blocked.statusLine()).startsWith("needs attention: ");
    verify(harness.chatwoot, never()).postMessages(any());

    harness.journey().retry();
    harness.pass(Duration.ofMinutes(1));

    JourneyView recovered = harness.journey().state();
    assertThat(recovered.stage()).isEqualTo(JourneyStage.WAITING_FOR_REPLY);
    assertThat(recovered.problem()).isNull();
    assertThat(recovered.conversationId()).isEqualTo(CONVERSATION);
    assertThat(postedMessages()).hasSize(1);
  }

  @Test
  void theJourneyIsFindableBySearchAttributesAndReadableInItsDetails() {
    harness.callEnded(inboundCall("call-1"));
    harness.pass(Duration.ofMinutes(1));

    var description = WorkflowStub.fromTyped(harness.journey()).describe();
    var attributes = description.getTypedSearchAttributes();
    assertThat(attributes.get(SearchAttributeKey.forKeyword("HandoffCustomerKey")))
        .isEqualTo(JourneyIds.customerPartOf(JourneyHarness.JOURNEY_ID));
    assertThat(attributes.get(SearchAttributeKey.forKeyword("HandoffCustomerPhone")))
        .as("no plain number")
        .isNull();
    assertThat(attributes.get(SearchAttributeKey.forKeyword("HandoffStage")))
        .isEqualTo("WAITING_FOR_REPLY");
    assertThat(attributes.get(SearchAttributeKey.forLong("HandoffConversationId")))
        .isEqualTo(CONVERSATION);
    assertThat(attributes.get(SearchAttributeKey.forBoolean("HandoffEscalated"))).isFalse();
  }

  /** What the journey sent, in the opening step or in a post of its own. */
  private List<PostMessagesRequest> postedMessages() {
    return harness.messagesSent();
  }
}
