package org.handoffengine.api.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing scheme Chatwoot and Vapi's HMAC credential share: hex HMAC-SHA256 of
 * "{timestamp}.{raw body}", with the timestamp in its own header and a window against replays.
 */
public final class WebhookSignatures {

  private WebhookSignatures() {}

  /**
   * @throws ApiProblem 401 naming what failed: a missing or unreadable timestamp, one outside the
   *     window, or a signature that does not verify
   */
  public static void verify(
      String platform,
      String secret,
      String signature,
      String timestamp,
      byte[] body,
      Duration window,
      Clock clock) {
    if (timestamp == null || timestamp.isBlank()) {
      throw ApiProblem.unauthorized(platform + " signature without its timestamp header");
    }
    long value;
    try {
      value = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw ApiProblem.unauthorized(platform + " timestamp is not a Unix time");
    }
    // Seconds or milliseconds: neither platform documents which it sends, and they differ.
    Instant signedAt =
        value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(window) > 0) {
      throw ApiProblem.unauthorized(
          platform + " timestamp is outside the " + window.toMinutes() + "-minute window");
    }
    String presented = signature.startsWith("sha256=") ? signature.substring(7) : signature;
    if (!Secrets.matches(
        presented.trim().toLowerCase(), hexHmacSha256(secret, timestamp.trim(), body))) {
      throw ApiProblem.unauthorized(
          platform + " signature does not verify with the configured secret");
    }
  }

  public static String hexHmacSha256(String secret, String timestamp, byte[] body) {
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
