package org.handoffengine.api.realserver;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips real-server tests where no Temporal server can be had, with one line saying why; in CI
 * ({@code CI=true}, where {@code .ci/run} installs the binary) a missing server fails them instead,
 * so a green build has run every one.
 */
public class RealTemporalExtension implements ExecutionCondition {

  private static final AtomicBoolean told = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> unavailable = RealTemporalServers.unavailable();
    if (unavailable.isEmpty()) {
      return ConditionEvaluationResult.enabled(
          "real Temporal server at " + RealTemporalServers.target());
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the real-server tests, but " + unavailable.get());
    }
    if (told.compareAndSet(false, true)) {
      System.out.println("[real-server] " + unavailable.get());
    }
    return ConditionEvaluationResult.disabled(unavailable.get());
  }
}
