package org.handoffengine.workflows.chatwoot;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Every write and read the journey makes in Chatwoot. Each method is idempotent: a retry after a
 * lost response finds what the first attempt created instead of creating it again.
 */
@ActivityInterface
public interface ChatwootActivities {

  /**
   * Finds the contact by phone (or identifier, for callers without a number); creates it if absent.
   */
  ContactRef findOrCreateContact(ContactRequest request);

  /**
   * Makes sure the contact can hold a conversation in the journey's API inbox; returns its source
   * id.
   */
  String ensureContactInbox(ContactInboxRequest request);

  /**
   * A new caller's call in one step: the contact (as {@link #findOrCreateContact}), its place in
   * the inbox (as {@link #ensureContactInbox}, when Chatwoot's answer did not name it), then its
   * conversation (as {@link #openConversation}). It runs on the contact queue, whose rate is the
   * account's contact-search budget; a retry searches again and finds what the attempt before it
   * created.
   */
  ContactConversation findContactAndOpenConversation(ContactConversationRequest request);

  /** Reuses the journey's open conversation (marked in its custom attributes) or creates one. */
  ConversationRef openConversation(ConversationRequest request);

  /**
   * Posts the messages whose key is not yet in the conversation, in order, and returns the Chatwoot
   * ids of all of them (posted now or earlier).
   */
  List<Long> postMessages(PostMessagesRequest request);

  /** What Chatwoot knows of the conversation now, so the journey never acts on lost webhooks. */
  ConversationSnapshot readConversation(ConversationLookup lookup);

  /** Assigns the conversation to a human, opens it and labels it. */
  void handOver(HandoverRequest request);
}
