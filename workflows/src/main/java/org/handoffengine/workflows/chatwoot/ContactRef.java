package org.handoffengine.workflows.chatwoot;

/**
 * @param inboxSourceId the contact's source id in the requested inbox when the answer that found or
 *     created the contact named one (Chatwoot lists a contact's inboxes in both), else null; with
 *     it the journey needs no separate look at the contact's inboxes
 * @param createdInRun when this call created the contact, the id of the workflow run whose activity
 *     created it, else null: in that run a contact this new has no conversations to look through
 */
public record ContactRef(
    long contactId, String name, boolean created, String inboxSourceId, String createdInRun) {

  public ContactRef(long contactId, String name, boolean created) {
    this(contactId, name, created, null, null);
  }

  public ContactRef(long contactId, String name, boolean created, String inboxSourceId) {
    this(contactId, name, created, inboxSourceId, null);
  }
}
