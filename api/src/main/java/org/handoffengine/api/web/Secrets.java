package org.handoffengine.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Secret comparison that takes the same time however many leading characters match. */
public final class Secrets {

  private Secrets() {}

  public static boolean matches(String presented, String expected) {
    if (presented == null || expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The credential of an {@code Authorization: Bearer <token>} header, or null. */
  public static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }
}
