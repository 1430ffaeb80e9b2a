package org.handoffengine.workflows.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.VapiActivities;

/**
 * The activity stubs a journey reaches Chatwoot, Vapi and the first-responder model through. Each
 * Chatwoot and Vapi step is named for the Temporal UI's event history ("find or create contact",
 * "follow-up call 2 of 3"): the summary is user metadata on the command, a payload like any other
 * (so encrypted with the journey's payloads), and never names the customer. Replay does not compare
 * it, so it needs no version.
 *
 * <p>Public only for {@link #platformCalls}, which the activity tests run their activities with.
 */
public final class JourneyPlatforms {

  private final ActivityOptions platformCalls;
  private final String contactTaskQueue;
  final FirstResponderActivities firstResponder;

  JourneyPlatforms(JourneySettings settings) {
    this.platformCalls = platformCalls(settings.retry());
    this.contactTaskQueue = settings.chatwoot().contactTaskQueue();
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

  /** Chatwoot, with what this step does as its summary. */
  ChatwootActivities chatwoot(String summary) {
    return Workflow.newActivityStub(
        ChatwootActivities.class,
        ActivityOptions.newBuilder(platformCalls).setSummary(summary).build());
  }

  /**
   * Chatwoot's contact search and create, on the account's rate-limited queue where the journey's
   * settings name one (from its input, so replay schedules it where it ran). Replay compares an
   * activity's type and id, not its queue.
   */
  ChatwootActivities contacts(String summary) {
    ActivityOptions.Builder options = ActivityOptions.newBuilder(platformCalls).setSummary(summary);
    if (contactTaskQueue != null) {
      options.setTaskQueue(contactTaskQueue);
    }
    return Workflow.newActivityStub(ChatwootActivities.class, options.build());
  }

  /** Vapi, with what this step does as its summary. */
  VapiActivities vapi(String summary) {
    return Workflow.newActivityStub(
        VapiActivities.class,
        ActivityOptions.newBuilder(platformCalls).setSummary(summary).build());
  }

  /**
   * Every Chatwoot and Vapi call's options. Unlimited attempts: an outage delays a journey, never
   * fails it. Refusals are raised non-retryable.
   */
  public static ActivityOptions platformCalls(PlatformRetry retry) {
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
