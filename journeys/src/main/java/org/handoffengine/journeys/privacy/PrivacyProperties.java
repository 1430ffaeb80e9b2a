package org.handoffengine.journeys.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.privacy.*}: how a customer's number is kept out of what Temporal stores
 * unencrypted.
 *
 * @param idKey the secret (at least 32 characters, e.g. {@code openssl rand -base64 32}) journey
 *     ids and the {@code HandoffCustomerKey} search attribute are computed with, an HMAC of the
 *     customer's number; required when {@code handoff.encryption.key-id} is set. Keep it for the
 *     life of the deployment: another key names every customer differently, so a running journey
 *     would no longer be found by its customer's number. See Customer numbers in Temporal
 * @param legacyLookups lookups by number also try the plain-number id of a journey started before
 *     ids were hashed ({@code journey-+14155550123}), so it keeps getting its customer's calls;
 *     false once none of those is running saves a Temporal round trip per lookup
 * @param allowPlainNumbers start on a real Temporal server without payload encryption, so that
 *     Temporal stores customers' numbers and names in the clear (in ids, attributes and payloads);
 *     without it the engine refuses to start that way. The embedded server keeps nothing after the
 *     process ends and needs no keys
 */
@ConfigurationProperties("handoff.privacy")
public record PrivacyProperties(
    String idKey,
    @DefaultValue("true") boolean legacyLookups,
    @DefaultValue("false") boolean allowPlainNumbers) {

  @ConstructorBinding
  public PrivacyProperties {
    idKey = idKey == null || idKey.isBlank() ? null : idKey.strip();
  }

  public PrivacyProperties(String idKey, boolean legacyLookups) {
    this(idKey, legacyLookups, false);
  }

  @Override
  public String toString() {
    return "PrivacyProperties[idKey="
        + (idKey == null ? "unset" : "(hidden)")
        + ", legacyLookups="
        + legacyLookups
        + ", allowPlainNumbers="
        + allowPlainNumbers
        + "]";
  }
}
