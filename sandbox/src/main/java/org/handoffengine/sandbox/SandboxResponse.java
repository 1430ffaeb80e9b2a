package org.handoffengine.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a sandbox answers: a status, a JSON body (any Jackson-serialisable value) and headers. */
public record SandboxResponse(int status, Object body, Map<String, String> headers) {

  /** A body sent as it is, not as JSON: the pages of the platform's web app. */
  public record Raw(String contentType, byte[] bytes) {}

  public static SandboxResponse ok(Object body) {
    return new SandboxResponse(200, body, Map.of());
  }

  public static SandboxResponse status(int status, Object body) {
    return new SandboxResponse(status, body, Map.of());
  }

  public static SandboxResponse html(String page) {
    return new SandboxResponse(
        200, new Raw("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8)), Map.of());
  }
}
