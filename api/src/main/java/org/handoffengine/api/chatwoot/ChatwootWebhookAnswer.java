package org.handoffengine.api.chatwoot;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the engine answers a Chatwoot delivery (Chatwoot reads only the status code): {@code
 * accepted} with the journey and the signal it now holds, or {@code ignored} with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatwootWebhookAnswer(
    String status, String event, String journeyId, String signal, String reason) {

  static ChatwootWebhookAnswer accepted(String journeyId, String signal) {
    return new ChatwootWebhookAnswer("accepted", null, journeyId, signal, null);
  }

  static ChatwootWebhookAnswer ignored(String event, String reason) {
    return new ChatwootWebhookAnswer("ignored", event, null, null, reason);
  }

  static ChatwootWebhookAnswer notRunning(String journeyId) {
    return new ChatwootWebhookAnswer(
        "ignored", null, journeyId, null, "the journey is not running");
  }
}
