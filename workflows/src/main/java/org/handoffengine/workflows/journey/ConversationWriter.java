package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Objects;
import org.handoffengine.workflows.chatwoot.ContactConversation;
import org.handoffengine.workflows.chatwoot.ContactConversationRequest;
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
 * Workflow code: each call is an activity, and a refusal propagates to the journey's {@link
 * Refusals}.
 */
final class ConversationWriter {

  private final JourneySettings settings;
  private final JourneyPlatforms platforms;
  private final JourneyState journey;
  private final JourneyVersion version;

  ConversationWriter(
      JourneySettings settings,
      JourneyPlatforms platforms,
      JourneyState journey,
      JourneyVersion version) {
    this.settings = settings;
    this.platforms = platforms;
    this.journey = journey;
    this.version = version;
  }

  /**
   * The contact (matched by phone or created), the conversation (reused or opened), the call's
   * messages.
   */
  void writeCall(CallReport report, String summary) {
    Conversation conversation = journey.conversation;
    long account = settings.chatwoot().accountId();
    long inbox = settings.chatwoot().inboxId();
    List<OutgoingMessage> messages = JourneyMessages.forCall(report, summary);
    if (conversation.contactId == null
        && !conversation.exists()
        && version.contactAndConversationInOneStep()) {
      writeFirstCall(report, messages);
      return;
    }
    String sourceIdInInbox = null;
    String contactCreatedInRun = null;
    if (conversation.contactId == null) {
      ContactRef contact =
          platforms.contacts("find or create contact").findOrCreateContact(contactFor(report));
      conversation.contactFound(contact);
      sourceIdInInbox = contact.inboxSourceId();
      contactCreatedInRun = contact.createdInRun();
    }
    String createdInRun = null;
    boolean summaryPosted = false;
    if (!conversation.exists()) {
      // Fewer round trips before the customer's conversation exists, each step versioned because
      // a worker on the earlier code made the calls it saves (see JourneyVersion).
      // 1: Chatwoot's answer about the contact usually names its place in the inbox already.
      // 2: also, the summary opens the conversation (one request, one Chatwoot transaction), and a
      //    contact this run just created has no conversations to look through.
      int roundTrips = version.roundTrips();
      boolean askInbox = sourceIdInInbox == null || roundTrips == Workflow.DEFAULT_VERSION;
      String sourceId =
          askInbox
              ? platforms
                  .chatwoot("add contact to inbox " + inbox)
                  .ensureContactInbox(
                      new ContactInboxRequest(
                          account, conversation.contactId, inbox, sourceIdFor(journey.journeyId)))
              : sourceIdInInbox;
      boolean summaryOpens = roundTrips >= 2;
      OutgoingMessage first = summaryOpens ? messages.get(0) : null;
      // Journeys started on search-attributes-at-start 2: the rest of the call goes in the same
      // step, one workflow task and one activity fewer (see JourneyVersion).
      List<OutgoingMessage> later =
          version.conversationOpensWithTheCall()
              ? List.copyOf(messages.subList(1, messages.size()))
              : null;
      ConversationRef opened =
          platforms
              .chatwoot(
                  (later != null
                          ? "open conversation with call "
                          : summaryOpens
                              ? "open conversation with the summary of call "
                              : "open conversation for call ")
                      + report.callId())
              .openConversation(
                  new ConversationRequest(
                      account,
                      inbox,
                      conversation.contactId,
                      sourceId,
                      journey.journeyId,
                      report.callId(),
                      first,
                      summaryOpens ? contactCreatedInRun : null,
                      later));
      conversation.opened(opened.conversationId());
      createdInRun = opened.createdInRun();
      if (later != null) {
        rememberPostedIn(opened);
        return;
      }
      if (first != null && opened.created()) {
        if (opened.firstMessageId() != null) {
          journey.inbox.rememberPosted(List.of(opened.firstMessageId()));
        }
        messages = messages.subList(1, messages.size());
        summaryPosted = true;
      }
    }
    String what =
        summaryPosted
            ? "post transcript and details of call "
            : "post summary, transcript and details of call ";
    journey.inbox.rememberPosted(
        platforms
            .chatwoot(what + report.callId())
            .postMessages(
                new PostMessagesRequest(
                    account, conversation.conversationId, List.copyOf(messages), createdInRun)));
  }

  /**
   * Journeys started on search-attributes-at-start 3, a call of a journey without a contact: the
   * contact, its place in the inbox and the conversation with the whole call in one step, on the
   * contact queue (its rate is the account's contact-search budget). One workflow task and one
   * activity fewer than the contact step followed by the opening step.
   */
  private void writeFirstCall(CallReport report, List<OutgoingMessage> messages) {
    Conversation conversation = journey.conversation;
    ContactConversation written =
        platforms
            .contacts("find or create contact, open conversation with call " + report.callId())
            .findContactAndOpenConversation(
                new ContactConversationRequest(
                    contactFor(report),
                    new ConversationRequest(
                        settings.chatwoot().accountId(),
                        settings.chatwoot().inboxId(),
                        0, // the step's own contact
                        sourceIdFor(journey.journeyId),
                        journey.journeyId,
                        report.callId(),
                        messages.get(0),
                        null, // the step knows whether it created the contact
                        List.copyOf(messages.subList(1, messages.size())))));
    conversation.contactFound(written.contact());
    conversation.opened(written.conversation().conversationId());
    rememberPostedIn(written.conversation());
  }

  private ContactRequest contactFor(CallReport report) {
    String identifier = journey.customerPhone == null ? "vapi-call:" + report.callId() : null;
    return new ContactRequest(
        settings.chatwoot().accountId(),
        settings.chatwoot().inboxId(),
        journey.customerPhone,
        report.customerName(),
        identifier);
  }

  /** The ids of the messages a conversation was opened with, so their webhooks are not news. */
  private void rememberPostedIn(ConversationRef opened) {
    if (opened.firstMessageId() != null) {
      journey.inbox.rememberPosted(List.of(opened.firstMessageId()));
    }
    journey.inbox.rememberPosted(Objects.requireNonNullElse(opened.laterMessageIds(), List.of()));
  }

  /**
   * Assigns the conversation to the configured team or agent, then leaves the note agents read
   * first.
   */
  void handOver(EscalationRequest request) {
    var policy = settings.escalation();
    long account = settings.chatwoot().accountId();
    Conversation conversation = journey.conversation;
    platforms
        .chatwoot("hand conversation " + conversation.conversationId + " over to a human")
        .handOver(
            new HandoverRequest(
                account,
                conversation.conversationId,
                policy.teamId(),
                policy.agentId(),
                policy.label()));
    post(
        JourneyMessages.escalation(
            request, conversation.lastSummary, conversation.calls, journey.handover.handBacks));
  }

  void post(OutgoingMessage message) {
    journey.inbox.rememberPosted(
        platforms
            .chatwoot(
                (message.privateNote() ? "post private note " : "post message ") + message.key())
            .postMessages(
                new PostMessagesRequest(
                    settings.chatwoot().accountId(),
                    journey.conversation.conversationId,
                    List.of(message))));
  }

  ConversationSnapshot read() {
    return platforms
        .chatwoot("read conversation " + journey.conversation.conversationId)
        .readConversation(
            new ConversationLookup(
                settings.chatwoot().accountId(), journey.conversation.conversationId));
  }

  static String sourceIdFor(String journeyId) {
    return "handoff-" + journeyId.replaceAll("[^A-Za-z0-9_-]", "");
  }
}
