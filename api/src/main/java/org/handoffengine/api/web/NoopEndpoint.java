package org.handoffengine.api.web;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint that reads the body and does nothing else, switched on only for benchmarks
 * ({@code handoff.bench.noop-endpoint=true}): the ceiling any webhook of this engine can reach on the
 * machine, measured in the same run as the real ones.
 */
@RestController
@ConditionalOnProperty(name = "handoff.bench.noop-endpoint", havingValue = "true")
public class NoopEndpoint {

  @PostMapping("/bench/noop")
  public Map<String, Object> noop(@RequestBody(required = false) byte[] body) {
    return Map.of();
  }
}
