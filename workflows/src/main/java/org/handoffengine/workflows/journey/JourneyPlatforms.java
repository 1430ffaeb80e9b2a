package org.handoffengine.workflows.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.VapiActivities;

/** The activity stubs a journey reaches Chatwoot, Vapi and the first-responder model through. */
final class JourneyPlatforms {

  final ChatwootActivities chatwoot;
  final VapiActivities vapi;
  final FirstResponderActivities firstResponder;

  JourneyPlatforms(JourneySettings settings) {
    this.chatwoot = Workflow.newActivityStub(ChatwootActivities.class, platformCalls(settings.retry()));
    this.vapi = Workflow.newActivityStub(VapiActivities.class, platformCalls(settings.retry()));
    // A model that keeps failing must not keep the customer waiting: a few tries, then a human.
    this.firstResponder =
        Workflow.newActivityStub(
            FirstResponderActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(settings.bot().attemptTimeout())
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(settings.retry().initialInterval())
                        .setMaximumAttempts(3)
                        .build())
                .build());
  }

  /** Unlimited attempts: an outage delays a journey, never fails it. Refusals are raised non-retryable. */
  static ActivityOptions platformCalls(PlatformRetry retry) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(retry.attemptTimeout())
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retry.initialInterval())
                .setMaximumInterval(retry.maximumInterval())
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(0)
                .build())
        .build();
  }
}
