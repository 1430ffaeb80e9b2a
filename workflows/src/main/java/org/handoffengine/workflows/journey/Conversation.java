package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.journey.JourneyView.CallSummary;

/**
 * The customer's side of the journey as Chatwoot holds it: the contact, the one conversation, the
 * calls written into it, the latest summary, and the newest lines the first-responder bot reads.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
final class Conversation {

  static final int MAX_CALLS = 50;
  static final int MAX_CHAT_LINES = 20;
  static final int MAX_CHAT_LINE_LENGTH = 2_000;

  String customerName;
  String customerZone;
  Long contactId;
  Long conversationId;
  String lastSummary;
  List<CallSummary> calls = new ArrayList<>();

  /**
   * The conversation as the first-responder bot sees it: the newest lines, each cut to a bounded
   * length.
   */
  List<ChatLine> chat = new ArrayList<>();

  /** A call is being written into Chatwoot right now. */
  boolean recording;

  boolean resolved;

  boolean exists() {
    return conversationId != null;
  }

  void contactFound(ContactRef contact) {
    contactId = contact.contactId();
    customerName = contact.name();
  }

  void opened(long id) {
    conversationId = id;
  }

  /** A resolved conversation opened again in Chatwoot: the journey picks it up where it was. */
  void adopt(long contact, long conversation) {
    contactId = contact;
    conversationId = conversation;
  }

  void callRecorded(CallReport report, String summary) {
    calls.add(CallSummary.of(report, summary));
    if (calls.size() > MAX_CALLS) {
      calls.subList(0, calls.size() - MAX_CALLS).clear();
    }
    // An unanswered follow-up has nothing to say; the last real conversation stays the summary
    // the next call and the escalation note are built on.
    boolean somethingWasSaid =
        (report.summary() != null && !report.summary().isBlank())
            || (report.transcript() != null && !report.transcript().isBlank());
    if (somethingWasSaid || lastSummary == null) {
      lastSummary = summary;
    }
    if (customerName == null && report.customerName() != null && !report.customerName().isBlank()) {
      customerName = report.customerName();
    }
    recording = false;
  }

  void rememberChat(ChatLine.Speaker speaker, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    String kept =
        text.length() > MAX_CHAT_LINE_LENGTH ? text.substring(0, MAX_CHAT_LINE_LENGTH) : text;
    chat.add(new ChatLine(speaker, kept));
    if (chat.size() > MAX_CHAT_LINES) {
      chat.subList(0, chat.size() - MAX_CHAT_LINES).clear();
    }
  }
}
