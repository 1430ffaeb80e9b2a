package org.handoffengine.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.activities.chatwoot.ChatwootAccess;
import org.handoffengine.activities.chatwoot.ChatwootProfileApi;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.activities.chatwoot.ChatwootTokenRefused;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyWorkflowImpl;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflow;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflowImpl;
import org.handoffengine.workflows.reconcile.ReconcileActivities;
import org.handoffengine.workflows.reconcile.ReconcilePassWorkflowImpl;
import org.handoffengine.workflows.reconcile.ReconcilerInput;
import org.handoffengine.workflows.vapi.VapiActivities;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.JourneyStarter;
import org.handoffengine.journeys.RouteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The worker role: polls the journeys task queue and runs journey workflows and their activities.
 * A process with {@code handoff.roles=api} only starts journeys and never executes them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${handoff.roles:api,worker}'.contains('worker')")
public class JourneyWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JourneyWorkerConfiguration.class);

  @Bean(destroyMethod = "shutdown")
  WorkerFactory journeyWorkerFactory(
      WorkflowClient client,
      ChatwootActivities chatwoot,
      VapiActivities vapi,
      ReconcileActivities reconcile,
      FirstResponderActivities firstResponder,
      WorkerTuning tuning,
      JourneyRoutes routes,
      ChatwootProperties chatwootSettings) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            tuning.apply(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivityLogContext())).build());
    Worker worker = factory.newWorker(JourneyIds.TASK_QUEUE, tuning.apply(WorkerOptions.newBuilder()).build());
    worker.registerWorkflowImplementationTypes(
        JourneyWorkflowImpl.class, CallReconcilerWorkflowImpl.class, ReconcilePassWorkflowImpl.class);
    worker.registerActivitiesImplementations(chatwoot, vapi, reconcile, firstResponder);
    // Chatwoot allows each account RATE_LIMIT_CONTACT_SEARCH (100) contact searches a minute and
    // then answers 429 with no Retry-After. The server holds each account's contact queue to the
    // budget for all workers together, so a burst of new callers waits in Temporal instead.
    double perSecond = chatwootSettings.contactSearchesPerMinute() / 60.0;
    for (String contactQueue : routes.contactTaskQueues()) {
      Worker contacts =
          factory.newWorker(contactQueue, tuning.apply(WorkerOptions.newBuilder()).setMaxTaskQueueActivitiesPerSecond(perSecond).build());
      contacts.registerActivitiesImplementations(chatwoot);
    }
    return factory;
  }

  @Bean
  ReconcileActivities reconcileActivities(
      VapiApi vapi, WorkflowClient client, JourneyStarter starter, JourneyRoutes routes, JourneyProperties properties) {
    return new ReconcileActivitiesImpl(vapi, client, starter, routes, properties.journey().defaultRegion());
  }

  /**
   * Before the worker polls: a token that cannot run journeys (an agent bot's, or a user outside an
   * account or inbox the engine writes in) would stop every journey at NEEDS_ATTENTION, so start-up
   * stops instead, saying which token is needed. A Chatwoot that cannot be asked now only warns.
   */
  @Bean
  SmartInitializingSingleton chatwootTokenCheck(ChatwootProfileApi profile, ChatwootProperties chatwoot, RouteProperties routes) {
    return () -> {
      List<ChatwootAccess.Place> places = new ArrayList<>();
      places.add(new ChatwootAccess.Place(chatwoot.accountId(), chatwoot.inboxId()));
      routes.routes().forEach(route -> places.add(new ChatwootAccess.Place(route.accountId(), route.inboxId())));
      try {
        new ChatwootAccess(profile).problemRunningJourneys(places).ifPresent(problem -> {
          throw new ChatwootTokenRefused(problem);
        });
      } catch (IllegalStateException unchecked) {
        log.warn("{}; journeys start anyway and retry Chatwoot until it answers", unchecked.getMessage());
      }
    };
  }

  @Bean
  JourneyWorkerStarter journeyWorkerStarter(WorkerFactory journeyWorkerFactory) {
    return new JourneyWorkerStarter(journeyWorkerFactory);
  }

  /** Starts polling once the whole application is up, so no task arrives at a half-built context. */
  static final class JourneyWorkerStarter {
    private final WorkerFactory factory;

    JourneyWorkerStarter(WorkerFactory factory) {
      this.factory = factory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
      factory.start();
    }
  }

  @Bean
  ReconcilerStarter reconcilerStarter(
      WorkflowClient client,
      ObjectProvider<ScheduleClient> schedules,
      ObjectProvider<TestWorkflowEnvironment> embedded,
      ReconcilerProperties reconciler,
      JourneyProperties journeys,
      RouteProperties routes) {
    var retry = journeys.retry();
    PlatformRetry platformRetry = new PlatformRetry(retry.initialInterval(), retry.maximumInterval(), retry.attemptTimeout());
    ReconcilerSchedules scheduled =
        embedded.getIfAvailable() != null
            ? null
            : new ReconcilerSchedules(
                schedules.getObject(), client, reconciler, platformRetry, routes.routes().stream().map(RouteProperties.Route::name).toList());
    return new ReconcilerStarter(client, scheduled, reconciler, platformRetry);
  }

  /**
   * Where the server has Schedules (a real one), the reconciler is one schedule per route; on the
   * embedded server, which has none, it is a timer-loop workflow started once per namespace (a
   * second worker finds it already running).
   */
  static final class ReconcilerStarter {
    private static final Logger log = LoggerFactory.getLogger(ReconcilerStarter.class);

    private final WorkflowClient client;
    private final ReconcilerSchedules schedules;
    private final ReconcilerProperties reconciler;
    private final PlatformRetry retry;

    ReconcilerStarter(WorkflowClient client, ReconcilerSchedules schedules, ReconcilerProperties reconciler, PlatformRetry retry) {
      this.client = client;
      this.schedules = schedules;
      this.reconciler = reconciler;
      this.retry = retry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
      if (schedules != null) {
        try {
          schedules.apply();
          return;
        } catch (RuntimeException e) {
          if (!unimplemented(e)) {
            throw e;
          }
          log.warn("This Temporal server has no Schedules; the reconciler runs as a timer-loop workflow instead");
        }
      }
      if (!reconciler.enabled()) {
        return;
      }
      CallReconcilerWorkflow workflow =
          client.newWorkflowStub(
              CallReconcilerWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(CallReconcilerWorkflow.WORKFLOW_ID)
                  .setTaskQueue(JourneyIds.TASK_QUEUE)
                  .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                  .build());
      WorkflowClient.start(
          workflow::run,
          new ReconcilerInput(reconciler.interval(), reconciler.lookback(), reconciler.grace(), 50, retry));
    }

    private static boolean unimplemented(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
          return true;
        }
      }
      return false;
    }
  }
}
