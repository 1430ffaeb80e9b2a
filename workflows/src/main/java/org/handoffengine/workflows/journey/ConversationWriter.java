package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import java.util.List;
import org.handoffengine.workflows.chatwoot.ContactInboxRequest;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ContactRequest;
import org.handoffengine.workflows.chatwoot.ConversationLookup;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.HandoverRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;

/**
 * The journey's reads and writes in its Chatwoot conversation, in the order Chatwoot needs them.
 * Workflow code: each call is an activity, and a refusal propagates to the journey's {@link Refusals}.
 */
final class ConversationWriter {

  private final JourneySettings settings;
  private final JourneyPlatforms platforms;
  private final JourneyMemory journey;

  ConversationWriter(JourneySettings settings, JourneyPlatforms platforms, JourneyMemory journey) {
    this.settings = settings;
    this.platforms = platforms;
    this.journey = journey;
  }

  /** The contact (matched by phone or created), the conversation (reused or opened), the call's messages. */
  void writeCall(CallReport report, String summary) {
    Conversation conversation = journey.conversation;
    long account = settings.chatwoot().accountId();
    long inbox = settings.chatwoot().inboxId();
    String sourceIdInInbox = null;
    if (conversation.contactId == null) {
      String identifier = journey.customerPhone == null ? "vapi-call:" + report.callId() : null;
      ContactRef contact =
          platforms.contacts("find or create contact").findOrCreateContact(new ContactRequest(account, inbox, journey.customerPhone, report.customerName(), identifier));
      conversation.contactFound(contact);
      sourceIdInInbox = contact.inboxSourceId();
    }
    String createdInRun = null;
    if (!conversation.exists()) {
      // Chatwoot's answer about the contact usually names its place in the inbox already: one
      // round trip fewer before the customer's conversation exists. Versioned because a worker on
      // the earlier code looked anyway, with the same answer in hand.
      boolean askInbox =
          sourceIdInInbox == null
              || Workflow.getVersion("source-id-from-contact", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
      String sourceId =
          askInbox
              ? platforms.chatwoot("add contact to inbox " + inbox).ensureContactInbox(new ContactInboxRequest(account, conversation.contactId, inbox, sourceIdFor(journey.journeyId)))
              : sourceIdInInbox;
      ConversationRef opened =
          platforms.chatwoot("open conversation for call " + report.callId()).openConversation(
              new ConversationRequest(account, inbox, conversation.contactId, sourceId, journey.journeyId, report.callId()));
      conversation.opened(opened.conversationId());
      createdInRun = opened.createdInRun();
    }
    journey.inbox.rememberPosted(
        platforms.chatwoot("post summary, transcript and details of call " + report.callId()).postMessages(
            new PostMessagesRequest(account, conversation.conversationId, JourneyMessages.forCall(report, summary), createdInRun)));
  }

  /** Assigns the conversation to the configured team or agent, then leaves the note agents read first. */
  void handOver(EscalationRequest request) {
    var policy = settings.escalation();
    long account = settings.chatwoot().accountId();
    Conversation conversation = journey.conversation;
    platforms.chatwoot("hand conversation " + conversation.conversationId + " over to a human").handOver(new HandoverRequest(account, conversation.conversationId, policy.teamId(), policy.agentId(), policy.label()));
    post(JourneyMessages.escalation(request, conversation.lastSummary, conversation.calls, journey.handover.handBacks));
  }

  void post(OutgoingMessage message) {
    journey.inbox.rememberPosted(
        platforms.chatwoot((message.privateNote() ? "post private note " : "post message ") + message.key()).postMessages(
            new PostMessagesRequest(settings.chatwoot().accountId(), journey.conversation.conversationId, List.of(message))));
  }

  ConversationSnapshot read() {
    return platforms.chatwoot("read conversation " + journey.conversation.conversationId).readConversation(new ConversationLookup(settings.chatwoot().accountId(), journey.conversation.conversationId));
  }

  static String sourceIdFor(String journeyId) {
    return "handoff-" + journeyId.replaceAll("[^A-Za-z0-9_-]", "");
  }
}
