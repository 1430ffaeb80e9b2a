package org.handoffengine.api.web;

import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint that reads the body and does nothing else, there only in the {@code bench} profile
 * (the bench starts the engine with {@code --spring.profiles.include=bench}): the ceiling any
 * webhook of this engine can reach on the machine, measured in the same run as the real ones.
 */
@RestController
@Profile(NoopEndpoint.BENCH_PROFILE)
public class NoopEndpoint {

  /** The profile of the engine's benchmark-only endpoints; never set in production. */
  public static final String BENCH_PROFILE = "bench";

  @PostMapping("/bench/noop")
  public Map<String, Object> noop(@RequestBody(required = false) byte[] body) {
    return Map.of();
  }
}
