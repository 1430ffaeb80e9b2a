package org.handoffengine.workflows.chatwoot;

/** What {@link ChatwootActivities#findContactAndOpenConversation} found or created. */
public record ContactConversation(ContactRef contact, ConversationRef conversation) {}
