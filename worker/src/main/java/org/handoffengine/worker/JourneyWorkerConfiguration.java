package org.handoffengine.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.handoffengine.activities.chatwoot.ChatwootAccess;
import org.handoffengine.activities.chatwoot.ChatwootProfileApi;
import org.handoffengine.activities.chatwoot.ChatwootTokenRefused;
import org.handoffengine.activities.reconcile.ReconcileActivitiesImpl;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.RouteProperties;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.reconcile.CallReconcilerWorkflow;
import org.handoffengine.workflows.reconcile.ReconcileActivities;
import org.handoffengine.workflows.reconcile.ReconcilerInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The worker role (Spring profile {@value EngineRoles#WORKER}): runs journey workflows and their
 * activities. The starter builds the worker factory and the journeys worker from {@code
 * spring.temporal.*} in {@code application-worker.yaml}, and starts it once the application is
 * ready; this class adds what the starter has no setting for. A process with only the {@value
 * EngineRoles#API} profile starts journeys and never executes them.
 */
@Configuration(proxyBeanMethods = false)
@Profile(EngineRoles.WORKER)
public class JourneyWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JourneyWorkerConfiguration.class);

  /**
   * The one factory customizer: every activity's log lines name its journey ({@link
   * ActivityLogContext}), beside any interceptor the starter added; and workflow threads are
   * virtual where {@code handoff.worker.virtual-threads} asks and the Java has them. The SDK fails
   * on Java 17 when asked for virtual threads, so the starter's own switches for them are not used.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> journeyWorkerFactoryOptions(
      VirtualThreads virtualThreads, ObjectProvider<CustomerJourneys> customers) {
    return options -> {
      List<WorkerInterceptor> interceptors =
          new ArrayList<>(List.of(options.build().getWorkerInterceptors()));
      // Looked up per activity: the customer keys need the client these options help build.
      interceptors.add(new ActivityLogContext(id -> customers.getObject().loggable(id)));
      options.setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new));
      if (virtualThreads.available()) {
        options.setUsingVirtualWorkflowThreads(true);
      }
      return options;
    };
  }

  /**
   * Workflow and activity threads of every worker virtual, as {@link #journeyWorkerFactoryOptions}.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> journeyWorkerOptions(
      VirtualThreads virtualThreads) {
    return options -> virtualThreads.available() ? options.setUsingVirtualThreads(true) : options;
  }

  @Bean
  VirtualThreads virtualThreads(@Value("${handoff.worker.virtual-threads:false}") boolean wanted) {
    return new VirtualThreads(wanted);
  }

  /**
   * One worker per Chatwoot account's contact queue, on the starter's factory, before it starts.
   * Chatwoot allows each account RATE_LIMIT_CONTACT_SEARCH (100) contact searches a minute and then
   * answers 429 with no Retry-After. The server holds each account's contact queue to the budget
   * for all workers together, so a burst of new callers waits in Temporal instead.
   *
   * <p>Programmatic rather than in {@code spring.temporal.workers}: the queues follow {@code
   * handoff.routes}, and the starter reads its workers from one static property list (a list binds
   * from a single property source, so it cannot grow by one entry per route). Each takes the
   * journeys worker's options, as the starter built them, plus the account's rate.
   */
  @Bean
  @DependsOn("temporalWorkers")
  ContactSearchWorkers contactSearchWorkers(
      WorkerFactory factory,
      ChatwootActivities chatwoot,
      JourneyRoutes routes,
      ChatwootProperties chatwootSettings) {
    WorkerOptions journeys = factory.getWorker(JourneyIds.TASK_QUEUE).getWorkerOptions();
    double perSecond = chatwootSettings.contactSearchesPerMinute() / 60.0;
    for (String contactQueue : routes.contactTaskQueues()) {
      factory
          .newWorker(
              contactQueue,
              WorkerOptions.newBuilder(journeys)
                  .setMaxTaskQueueActivitiesPerSecond(perSecond)
                  .build())
          .registerActivitiesImplementations(chatwoot);
    }
    return new ContactSearchWorkers(routes.contactTaskQueues());
  }

  /** The contact queues {@link #contactSearchWorkers} polls. */
  record ContactSearchWorkers(Set<String> taskQueues) {}

  /** {@code handoff.worker.virtual-threads}, honoured only on Java 21 or newer. */
  record VirtualThreads(boolean wanted) {
    boolean available() {
      if (!wanted) {
        return false;
      }
      if (Runtime.version().feature() < 21) {
        log.warn(
            "handoff.worker.virtual-threads needs Java 21 or newer; this is Java {}, using platform threads",
            Runtime.version().feature());
        return false;
      }
      return true;
    }
  }

  @Bean
  ReconcileActivities reconcileActivities(
      VapiApi vapi, JourneyClient journeys, JourneyRoutes routes, JourneyProperties properties) {
    return new ReconcileActivitiesImpl(
        vapi, journeys, routes, properties.journey().defaultRegion());
  }

  /**
   * Before the worker polls: a token that cannot run journeys (an agent bot's, or a user outside an
   * account or inbox the engine writes in) would stop every journey at NEEDS_ATTENTION, so start-up
   * stops instead, saying which token is needed. A Chatwoot that cannot be asked now only warns.
   */
  @Bean
  SmartInitializingSingleton chatwootTokenCheck(
      ChatwootProfileApi profile, ChatwootProperties chatwoot, RouteProperties routes) {
    return () -> {
      List<ChatwootAccess.Place> places = new ArrayList<>();
      places.add(new ChatwootAccess.Place(chatwoot.accountId(), chatwoot.inboxId()));
      routes
          .routes()
          .forEach(
              route -> places.add(new ChatwootAccess.Place(route.accountId(), route.inboxId())));
      try {
        new ChatwootAccess(profile)
            .problemRunningJourneys(places)
            .ifPresent(
                problem -> {
                  throw new ChatwootTokenRefused(problem);
                });
      } catch (IllegalStateException unchecked) {
        log.warn(
            "{}; journeys start anyway and retry Chatwoot until it answers",
            unchecked.getMessage());
      }
    };
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
    PlatformRetry platformRetry =
        new PlatformRetry(retry.initialInterval(), retry.maximumInterval(), retry.attemptTimeout());
    ReconcilerSchedules scheduled =
        embedded.getIfAvailable() != null
            ? null
            : new ReconcilerSchedules(
                schedules.getObject(),
                client,
                reconciler,
                platformRetry,
                routes.routes().stream().map(RouteProperties.Route::name).toList());
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

    ReconcilerStarter(
        WorkflowClient client,
        ReconcilerSchedules schedules,
        ReconcilerProperties reconciler,
        PlatformRetry retry) {
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
          log.warn(
              "This Temporal server has no Schedules; the reconciler runs as a timer-loop workflow instead");
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
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                  .build());
      WorkflowClient.start(
          workflow::run,
          new ReconcilerInput(
              reconciler.interval(), reconciler.lookback(), reconciler.grace(), 50, retry));
    }

    private static boolean unimplemented(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StatusRuntimeException status
            && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
          return true;
        }
      }
      return false;
    }
  }
}
