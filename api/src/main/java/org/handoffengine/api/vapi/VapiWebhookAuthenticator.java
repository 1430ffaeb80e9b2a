package org.handoffengine.api.vapi;

import org.handoffengine.activities.vapi.VapiProperties;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.Secrets;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Vapi's server messages carry the configured secret either as the legacy {@code X-Vapi-Secret}
 * header or, from a bearer credential, as {@code Authorization: Bearer}. Either must match.
 */
@Component
public class VapiWebhookAuthenticator {

  static final String SECRET_HEADER = "X-Vapi-Secret";

  private final VapiProperties properties;

  public VapiWebhookAuthenticator(VapiProperties properties) {
    this.properties = properties;
  }

  public void authenticate(HttpHeaders headers) {
    String secret = headers.getFirst(SECRET_HEADER);
    String bearer = Secrets.bearer(headers.getFirst(HttpHeaders.AUTHORIZATION));
    if (secret == null && bearer == null) {
      throw ApiProblem.unauthorized("missing Vapi credential: send X-Vapi-Secret or Authorization: Bearer");
    }
    String expected = properties.webhookSecret();
    if (!Secrets.matches(secret, expected) && !Secrets.matches(bearer, expected)) {
      throw ApiProblem.unauthorized("the Vapi webhook secret does not match handoff.vapi.webhook-secret");
    }
  }
}
