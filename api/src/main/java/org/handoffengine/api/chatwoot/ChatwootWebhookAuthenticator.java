package org.handoffengine.api.chatwoot;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.Secrets;
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
      verifySignature(secret, signature, headers.getFirst(TIMESTAMP), body);
      return;
    }
    if (token == null) {
      throw ApiProblem.unauthorized("missing Chatwoot credential: a X-Chatwoot-Signature header or a token query parameter");
    }
    if (!Secrets.matches(token, secret)) {
      throw ApiProblem.unauthorized("the token does not match handoff.chatwoot.webhook-secret");
    }
  }

  private void verifySignature(String secret, String signature, String timestamp, byte[] body) {
    if (timestamp == null) {
      throw ApiProblem.unauthorized("X-Chatwoot-Signature without X-Chatwoot-Timestamp");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw ApiProblem.unauthorized("X-Chatwoot-Timestamp is not a Unix time");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (age.compareTo(REPLAY_WINDOW) > 0) {
      throw ApiProblem.unauthorized("X-Chatwoot-Timestamp is outside the " + REPLAY_WINDOW.toMinutes() + "-minute window");
    }
    String presented = signature.startsWith("sha256=") ? signature.substring(7) : signature;
    if (!Secrets.matches(presented.toLowerCase(), sign(secret, timestamp.trim(), body))) {
      throw ApiProblem.unauthorized("X-Chatwoot-Signature does not verify with handoff.chatwoot.webhook-secret");
    }
  }

  static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
