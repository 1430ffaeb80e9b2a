package org.handoffengine.api.chatwoot;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.Secrets;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Authenticates a Chatwoot delivery as Chatwoot sends it, at every stage of configuration.
 *
 * <p>Chatwoot (February 2026 onwards) signs each delivery with a secret it generates per target and
 * never lets anyone choose: {@code X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret,
 * "<X-Chatwoot-Timestamp>.<raw body>")>}. The account webhook and the agent bot each have their own
 * ({@code webhook.secret}, {@code agent_bot.secret}), in every account. Where the engine has been
 * given a target's secret ({@code handoff.chatwoot.signing.<account>.account-webhook} / {@code
 * .agent-bot}, which {@code setup} prints), its deliveries must carry a signature that verifies
 * with it and is under five minutes old; the URL's token does not stand in for it. Where it has not
 * (an older Chatwoot, which signs nothing, or an operator who has not set the secret yet), the
 * {@code ?token=} of the URL {@code setup} registered authenticates the delivery, signature header
 * or not, and the log says once per target that signatures are not being checked.
 */
@Component
public class ChatwootWebhookAuthenticator {

  static final String SIGNATURE = "X-Chatwoot-Signature";
  static final String TIMESTAMP = "X-Chatwoot-Timestamp";
  static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(ChatwootWebhookAuthenticator.class);

  private final ChatwootProperties properties;
  private final Clock clock;
  private final Set<ChatwootTarget> unverifiedNoticed = ConcurrentHashMap.newKeySet();

  @Autowired
  public ChatwootWebhookAuthenticator(ChatwootProperties properties) {
    this(properties, Clock.systemUTC());
  }

  ChatwootWebhookAuthenticator(ChatwootProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @throws ApiProblem 401 saying what failed (never a secret)
   */
  public void authenticate(ChatwootTarget target, HttpHeaders headers, String token, byte[] body) {
    String signingSecret = properties.signingSecret(target.accountId(), target.agentBot());
    if (signingSecret != null) {
      String signature = headers.getFirst(SIGNATURE);
      if (signature == null) {
        throw ApiProblem.unauthorized(
            "the "
                + target
                + " is configured with its signing secret, and this delivery carries no "
                + SIGNATURE);
      }
      WebhookSignatures.verify(
          "Chatwoot",
          signingSecret,
          signature,
          headers.getFirst(TIMESTAMP),
          body,
          REPLAY_WINDOW,
          clock);
      return;
    }
    String secret = properties.webhookSecret();
    if (secret == null || secret.isBlank()) {
      throw ApiProblem.unauthorized(
          "Chatwoot webhooks are refused: neither handoff.chatwoot.webhook-secret nor "
              + target.signingSetting()
              + " is set");
    }
    if (token == null) {
      throw ApiProblem.unauthorized(
          "missing Chatwoot credential: the token query parameter of the webhook URL setup registered");
    }
    if (!Secrets.matches(token, secret)) {
      throw ApiProblem.unauthorized("the token does not match handoff.chatwoot.webhook-secret");
    }
    if (unverifiedNoticed.add(target)) {
      log.warn(
          "Chatwoot deliveries to the {} are authenticated by the URL's token only; their signatures are not verified."
              + " Set {} to the secret Chatwoot shows for it (setup prints it) to verify them",
          target,
          target.signingSetting());
    }
  }
}
