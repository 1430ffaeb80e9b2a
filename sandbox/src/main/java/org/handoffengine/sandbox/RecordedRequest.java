package org.handoffengine.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A request a sandbox received, kept for assertions and contract validation.
 *
 * @param at when the sandbox answered (after any simulated latency): the moment a write took effect
 * @param receivedAt when the request arrived, before any simulated latency: how long a client
 *     waited between two attempts is one answer's {@code at} to the next {@code receivedAt}
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    String body,
    int status,
    Instant at,
    Instant receivedAt) {

  public boolean is(String method, String pathPattern) {
    return this.method.equals(method) && path.matches(pathPattern);
  }
}
