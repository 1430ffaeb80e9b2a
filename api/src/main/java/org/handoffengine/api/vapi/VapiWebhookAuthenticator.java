package org.handoffengine.api.vapi;

import java.time.Clock;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.Secrets;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Vapi authenticates server messages in one of three ways, all configured with the same secret
 * here: an HMAC credential (signature and timestamp headers, checked against a replay window), a
 * bearer credential ({@code Authorization: Bearer}), or the legacy {@code X-Vapi-Secret} header.
 */
@Component
public class VapiWebhookAuthenticator {

  static final String SECRET_HEADER = "X-Vapi-Secret";

  private final VapiProperties properties;
  private final Clock clock;

  @Autowired
  public VapiWebhookAuthenticator(VapiProperties properties) {
    this(properties, Clock.systemUTC());
  }

  VapiWebhookAuthenticator(VapiProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public void authenticate(HttpHeaders headers, byte[] body) {
    String expected = properties.webhookSecret();
    VapiProperties.Hmac hmac = properties.hmac();
    String signature = headers.getFirst(hmac.signatureHeader());
    if (signature != null) {
      WebhookSignatures.verify(
          "Vapi",
          expected,
          signature,
          headers.getFirst(hmac.timestampHeader()),
          body,
          hmac.window(),
          clock);
      return;
    }
    String secret = headers.getFirst(SECRET_HEADER);
    String bearer = Secrets.bearer(headers.getFirst(HttpHeaders.AUTHORIZATION));
    if (secret == null && bearer == null) {
      throw ApiProblem.unauthorized(
          "missing Vapi credential: send X-Vapi-Secret, Authorization: Bearer, or an HMAC signature ("
              + hmac.signatureHeader()
              + ")");
    }
    if (!Secrets.matches(secret, expected) && !Secrets.matches(bearer, expected)) {
      throw ApiProblem.unauthorized(
          "the Vapi webhook secret does not match handoff.vapi.webhook-secret");
    }
  }
}
