package org.handoffengine.journeys.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.privacy.*}: how a customer's number is kept out of what Temporal stores unencrypted.
 *
 * @param idKey the secret customer keys are computed with ({@code HANDOFF_PRIVACY_ID_KEY}, at least 32
 *     characters, e.g. {@code openssl rand -base64 32}). Required when payload encryption is on. Keep it
 *     for the life of the deployment: another key names every customer differently, so a running
 *     journey would no longer be found by its customer's number
 * @param legacyLookups whether lookups by number also try the id journeys had before ids were hashed
 *     ({@code journey-+14155550123}), so a journey started then keeps getting its customer's calls;
 *     false once none of those is running saves a Temporal round trip per lookup
 */
@ConfigurationProperties("handoff.privacy")
public record PrivacyProperties(String idKey, Boolean legacyLookups) {

  public PrivacyProperties {
    idKey = idKey == null || idKey.isBlank() ? null : idKey.strip();
    legacyLookups = legacyLookups == null ? Boolean.TRUE : legacyLookups;
  }

  @Override
  public String toString() {
    return "PrivacyProperties[idKey=" + (idKey == null ? "unset" : "(hidden)") + ", legacyLookups=" + legacyLookups + "]";
  }
}
