package org.handoffengine.activities.chatwoot;

/**
 * Start-up stops: the configured Chatwoot token cannot run journeys; the message says which token
 * would.
 */
public final class ChatwootTokenRefused extends RuntimeException {

  public ChatwootTokenRefused(String problem) {
    super(problem);
  }
}
