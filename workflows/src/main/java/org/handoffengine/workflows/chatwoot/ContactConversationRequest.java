package org.handoffengine.workflows.chatwoot;

/**
 * A call of a journey that has no contact yet, for {@link
 * ChatwootActivities#findContactAndOpenConversation}.
 *
 * @param contact who to find by phone (or identifier) or create
 * @param conversation the conversation to open with the call; the step fills in the contact's id,
 *     and uses its {@code sourceId} only when the contact is not in the inbox yet
 */
public record ContactConversationRequest(ContactRequest contact, ConversationRequest conversation) {

  /** The request that puts the contact found or created in the journey's inbox. */
  public ContactInboxRequest contactInboxOf(ContactRef found) {
    return new ContactInboxRequest(
        conversation.accountId(),
        found.contactId(),
        conversation.inboxId(),
        conversation.sourceId());
  }

  /** The conversation request for the contact found or created, with its source id in the inbox. */
  public ConversationRequest conversationOf(ContactRef found, String sourceId) {
    ConversationRequest c = conversation;
    return new ConversationRequest(
        c.accountId(),
        c.inboxId(),
        found.contactId(),
        sourceId,
        c.journeyId(),
        c.callId(),
        c.firstMessage(),
        found.createdInRun(),
        c.laterMessages());
  }
}
