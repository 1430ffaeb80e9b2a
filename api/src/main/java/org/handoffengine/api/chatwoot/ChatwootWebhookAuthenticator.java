package org.handoffengine.api.chatwoot;

import java.time.Clock;
import java.time.Duration;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.Secrets;
import org.handoffengine.api.web.WebhookSignatures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Chatwoot signs webhooks with {@code X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of
 * "{timestamp}.{body}">} and {@code X-Chatwoot-Timestamp} (Unix seconds). Where the request
 * carries a signature it must verify and be fresh; otherwise the secret must arrive as the {@code
 * token} query parameter of the webhook URL, the fallback for installations whose signing key
 * differs from the secret their API shows (chatwoot/chatwoot#13809).
 */
@Component
public class ChatwootWebhookAuthenticator {

  static final String SIGNATURE = "X-Chatwoot-Signature";
  static final String TIMESTAMP = "X-Chatwoot-Timestamp";
  static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

  private final ChatwootProperties properties;
  private final Clock clock;

  @Autowired
  public ChatwootWebhookAuthenticator(ChatwootProperties properties) {
    this(properties, Clock.systemUTC());
  }

  ChatwootWebhookAuthenticator(ChatwootProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public void authenticate(HttpHeaders headers, String token, byte[] body) {
    String secret = properties.webhookSecret();
    if (secret == null || secret.isBlank()) {
      throw ApiProblem.unauthorized("Chatwoot webhooks are refused: handoff.chatwoot.webhook-secret is not set");
    }
    String signature = headers.getFirst(SIGNATURE);
    if (signature != null) {
      WebhookSignatures.verify("Chatwoot", secret, signature, headers.getFirst(TIMESTAMP), body, REPLAY_WINDOW, clock);
      return;
    }
    if (token == null) {
      throw ApiProblem.unauthorized("missing Chatwoot credential: a X-Chatwoot-Signature header or a token query parameter");
    }
    if (!Secrets.matches(token, secret)) {
      throw ApiProblem.unauthorized("the token does not match handoff.chatwoot.webhook-secret");
    }
  }

}
