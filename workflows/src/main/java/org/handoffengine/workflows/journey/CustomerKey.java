package org.handoffengine.workflows.journey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for a customer's number wherever Temporal stores it unencrypted (the
 * workflow id, the {@code HandoffCustomerKey} search attribute, log lines): HMAC-SHA256 of the
 * E.164 number under {@code handoff.privacy.id-key}, its first 16 bytes in lowercase hex. Without
 * the key the 10^10 possible numbers cannot be tried against it.
 *
 * <p>Computed by the api and worker roles before a journey starts, never by workflow code: the
 * journey reads its key back from its own id ({@link JourneyIds#customerPartOf}), so replay needs
 * no secret. The same value on the command line: {@code printf '%s' '+14155550123' | openssl dgst
 * -sha256 -hmac "$HANDOFF_PRIVACY_ID_KEY" | awk '{print substr($NF,1,32)}'}.
 */
public final class CustomerKey {

  /** 128 bits: no two customers of any plausible size share a journey. */
  static final int HEX_LENGTH = 32;

  /** Short keys are guessable; {@code openssl rand -base64 32} gives 44 characters. */
  public static final int MIN_SECRET_LENGTH = 32;

  private final SecretKeySpec secret;

  /**
   * @param secret the configured {@code handoff.privacy.id-key}, used as its UTF-8 bytes
   */
  public CustomerKey(String secret) {
    if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "an id key needs at least " + MIN_SECRET_LENGTH + " characters");
    }
    this.secret = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The customer's key: 32 lowercase hex digits. */
  public String of(String e164) {
    if (!CustomerPhone.isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 number");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      byte[] digest = mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** True for a value {@link #of} produces. */
  public static boolean isKey(String value) {
    return value != null
        && value.length() == HEX_LENGTH
        && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  @Override
  public String toString() {
    return "CustomerKey[secret hidden]";
  }
}
