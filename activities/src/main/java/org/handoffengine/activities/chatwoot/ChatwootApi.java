package org.handoffengine.activities.chatwoot;

import org.handoffengine.platforms.chatwoot.ChatwootPayloads;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import tools.jackson.databind.JsonNode;

/**
 * The slice of Chatwoot's Application API the engine uses ({@code swagger/tag_groups/
 * application_swagger.json} in chatwoot/chatwoot). Answers are read as JSON trees: Chatwoot adds
 * fields between versions and the engine reads only the few it needs.
 */
@HttpExchange(
    url = "/api/v1/accounts/{accountId}",
    accept = "application/json",
    contentType = "application/json")
public interface ChatwootApi {

  /** {@code {"payload": [contact, ...]}}; matches name, email, phone number and identifier. */
  @GetExchange("/contacts/search")
  JsonNode searchContacts(@PathVariable long accountId, @RequestParam("q") String query);

  /** {@code {"payload": {"contact": {...}, "contact_inbox": {"source_id": ...}}}}. */
  @PostExchange("/contacts")
  JsonNode createContact(
      @PathVariable long accountId, @RequestBody ChatwootPayloads.ContactCreate contact);

  /** {@code {"payload": contact}} with its {@code contact_inboxes}. */
  @GetExchange("/contacts/{contactId}")
  JsonNode contact(@PathVariable long accountId, @PathVariable long contactId);

  /** {@code {"source_id": ..., "inbox": {...}}}. */
  @PostExchange("/contacts/{contactId}/contact_inboxes")
  JsonNode createContactInbox(
      @PathVariable long accountId,
      @PathVariable long contactId,
      @RequestBody ChatwootPayloads.ContactInboxCreate body);

  /** {@code {"payload": [conversation, ...]}}. */
  @GetExchange("/contacts/{contactId}/conversations")
  JsonNode contactConversations(@PathVariable long accountId, @PathVariable long contactId);

  /** The conversation; its {@code id} is the account-scoped display id every other call uses. */
  @PostExchange("/conversations")
  JsonNode createConversation(
      @PathVariable long accountId, @RequestBody ChatwootPayloads.ConversationCreate conversation);

  @GetExchange("/conversations/{conversationId}")
  JsonNode conversation(@PathVariable long accountId, @PathVariable long conversationId);

  /** {@code {"meta": {...}, "payload": [message, ...]}}, the newest messages, oldest first. */
  @GetExchange("/conversations/{conversationId}/messages")
  JsonNode messages(@PathVariable long accountId, @PathVariable long conversationId);

  @PostExchange("/conversations/{conversationId}/messages")
  JsonNode createMessage(
      @PathVariable long accountId,
      @PathVariable long conversationId,
      @RequestBody ChatwootPayloads.MessageCreate message);

  @PostExchange("/conversations/{conversationId}/toggle_status")
  JsonNode toggleStatus(
      @PathVariable long accountId,
      @PathVariable long conversationId,
      @RequestBody ChatwootPayloads.StatusToggle status);

  @PostExchange("/conversations/{conversationId}/assignments")
  JsonNode assign(
      @PathVariable long accountId,
      @PathVariable long conversationId,
      @RequestBody ChatwootPayloads.Assignment assignee);

  /** Replaces the conversation's labels with the given list. */
  @PostExchange("/conversations/{conversationId}/labels")
  JsonNode setLabels(
      @PathVariable long accountId,
      @PathVariable long conversationId,
      @RequestBody ChatwootPayloads.Labels labels);
}
