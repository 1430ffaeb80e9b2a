package org.handoffengine.worker;

import org.handoffengine.activities.chatwoot.ChatwootTokenRefused;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stopped by the Chatwoot token check: the one line that says which token is needed. */
public class ChatwootTokenAnalyzer extends AbstractFailureAnalyzer<ChatwootTokenRefused> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ChatwootTokenRefused cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set handoff.chatwoot.api-token to such a token; see the README's Chatwoot section.",
        cause);
  }
}
