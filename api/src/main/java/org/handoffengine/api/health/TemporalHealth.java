package org.handoffengine.api.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code temporal} in readiness: a webhook can only be acknowledged once Temporal holds its effect,
 * so an engine that cannot reach Temporal should get no traffic (it would answer 503 to all of it).
 */
@Component("temporal")
public class TemporalHealth implements HealthIndicator {

  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private final WorkflowClient client;

  public TemporalHealth(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up().withDetail("namespace", client.getOptions().getNamespace()).build();
    } catch (RuntimeException unreachable) {
      return Health.down()
          .withDetail("namespace", client.getOptions().getNamespace())
          .withDetail("error", unreachable.getMessage())
          .build();
    }
  }
}
