package org.handoffengine.sandbox;

import java.util.Map;

/** What a sandbox answers: a status, a JSON body (any Jackson-serialisable value) and headers. */
public record SandboxResponse(int status, Object body, Map<String, String> headers) {

  public static SandboxResponse ok(Object body) {
    return new SandboxResponse(200, body, Map.of());
  }

  public static SandboxResponse status(int status, Object body) {
    return new SandboxResponse(status, body, Map.of());
  }
}
