package org.handoffengine.workflows.chatwoot;

/**
 * @param inboxSourceId the contact's source id in the requested inbox when the answer that found or
 *     created the contact named one (Chatwoot lists a contact's inboxes in both), else null; with it
 *     the journey needs no separate look at the contact's inboxes
 */
public record ContactRef(long contactId, String name, boolean created, String inboxSourceId) {

  public ContactRef(long contactId, String name, boolean created) {
    this(contactId, name, created, null);
  }
}
