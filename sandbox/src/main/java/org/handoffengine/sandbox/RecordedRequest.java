package org.handoffengine.sandbox;

import java.time.Instant;
import java.util.Map;

/** A request a sandbox received, kept for assertions and contract validation. */
public record RecordedRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    String body,
    int status,
    Instant at) {

  public boolean is(String method, String pathPattern) {
    return this.method.equals(method) && path.matches(pathPattern);
  }
}
