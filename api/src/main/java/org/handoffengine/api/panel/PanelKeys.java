package org.handoffengine.api.panel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential in the journey panel's URL, one per Chatwoot account: an HMAC of the account id
 * under the panel secret. Chatwoot shows a dashboard app's URL to every agent of the account, so
 * the credential must grant no more than the panel does there, and must not be the API token.
 * Derived rather than stored, so {@code setup} and the api role agree without sharing state.
 */
public final class PanelKeys {

  private final byte[] secret;

  private PanelKeys(byte[] secret) {
    this.secret = secret;
  }

  /**
   * @param panelSecret {@code handoff.panel.secret}; when unset the secret is derived from the API
   *     token, one-way, so the panel works without another setting and still never reveals it
   */
  public static PanelKeys of(String panelSecret, String apiToken) {
    if (panelSecret != null && !panelSecret.isBlank()) {
      return new PanelKeys(panelSecret.getBytes(StandardCharsets.UTF_8));
    }
    if (apiToken == null || apiToken.isBlank()) {
      throw new IllegalStateException(
          "the journey panel needs handoff.panel.secret or handoff.api.token");
    }
    return new PanelKeys(hmac(apiToken.getBytes(StandardCharsets.UTF_8), "handoff-panel-secret"));
  }

  /** The credential that opens the panel for one Chatwoot account. */
  public String keyFor(long accountId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(secret, "handoff-panel:account:" + accountId));
  }

  /** Compares in constant time; false for a missing key. */
  public boolean opens(String presented, long accountId) {
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            keyFor(accountId).getBytes(StandardCharsets.UTF_8));
  }

  /** The URL {@code setup} registers as the account's dashboard app. */
  public String panelUrl(String publicUrl, long accountId) {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + PanelController.PATH + "?account=" + accountId + "&key=" + keyFor(accountId);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
