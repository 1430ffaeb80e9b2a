package org.handoffengine.api.drills;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.sandbox.ChatwootSandbox;
import tools.jackson.databind.JsonNode;

/**
 * What a set of callers became in the Chatwoot sandbox, and everything that exists more than once:
 * a second contact for a number, a second conversation for a contact, a message the engine posted
 * twice (same tag in one conversation).
 */
record ChatwootTally(
    int callers,
    int contacts,
    int conversations,
    int messages,
    int duplicateContacts,
    int duplicateConversations,
    int duplicateMessages,
    int callersWithoutConversation) {

  static ChatwootTally of(ChatwootSandbox chatwoot, Collection<String> phones) {
    int contacts = 0;
    int conversations = 0;
    int messages = 0;
    int duplicateContacts = 0;
    int duplicateConversations = 0;
    int duplicateMessages = 0;
    int withoutConversation = 0;
    for (String phone : phones) {
      var ofPhone = chatwoot.contactsWithPhone(phone);
      contacts += ofPhone.size();
      duplicateContacts += Math.max(0, ofPhone.size() - 1);
      int conversationsOfPhone = 0;
      for (JsonNode contact : ofPhone) {
        for (JsonNode conversation : chatwoot.conversationsOf(contact.path("id").asLong())) {
          conversationsOfPhone++;
          Set<String> keys = new HashSet<>();
          for (JsonNode message : chatwoot.messages(conversation.path("id").asLong())) {
            messages++;
            String key = EngineMark.keyOf(message).orElse("not the engine's");
            if (!keys.add(key)) {
              duplicateMessages++;
            }
          }
        }
      }
      conversations += conversationsOfPhone;
      duplicateConversations += Math.max(0, conversationsOfPhone - 1);
      if (conversationsOfPhone == 0) {
        withoutConversation++;
      }
    }
    return new ChatwootTally(
        phones.size(),
        contacts,
        conversations,
        messages,
        duplicateContacts,
        duplicateConversations,
        duplicateMessages,
        withoutConversation);
  }

  /**
   * Every caller has one contact and one conversation holding {@code messagesEach} messages, once
   * each.
   */
  static ChatwootTally exactlyOnce(int callers, int messagesEach) {
    return new ChatwootTally(callers, callers, callers, callers * messagesEach, 0, 0, 0, 0);
  }
}
