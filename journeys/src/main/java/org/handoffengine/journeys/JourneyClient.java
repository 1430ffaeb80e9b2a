package org.handoffengine.journeys;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.workflow.Functions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.CallEvent;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CallbackRequest;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.EscalationAnswer.Outcome;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyInput;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.handoffengine.workflows.journey.JourneySettings;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.handoffengine.workflows.journey.JourneyWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into journeys, for both roles: which journey a call belongs to, and starting,
 * signalling, updating, querying and finding journeys. The webhooks, the journey API, the Vapi
 * tools, the reconciler and the demo all go through it, so a journey's workflow options live here
 * only. Every start or signal returns once Temporal has durably recorded it, which is what a
 * webhook's 2xx promises.
 *
 * <p>A caller without a number has one journey, keyed by the call's id on the call's route ({@code
 * journey-call-<call id>}): the report of the call starts it, and the call's live messages
 * (assistant request, tools, status updates) reach the same one.
 */
public class JourneyClient {

  private static final Logger log = LoggerFactory.getLogger(JourneyClient.class);

  /**
   * Cancels a query's or an update's gRPC context at its deadline; the call itself runs on the
   * caller's thread.
   */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlineTimer();

  private final WorkflowClient temporal;
  private final JourneyRoutes routes;
  private final CustomerJourneys customers;

  /** How long a caller waits for a journey to take an update in and answer it. */
  private final Duration updateDeadline;

  /**
   * How long journeys start without their search attributes after the server refused them (see
   * {@link #racingStart}). A server that keeps its caches, as production servers do, refuses an
   * attribute for a few seconds after it was registered; an api role that started before any worker
   * registered them is refused until one does. Either way the next try after this finds out.
   */
  static final Duration ATTRIBUTES_REFUSED_FOR = Duration.ofSeconds(30);

  private final Clock clock;

  /** When the server last refused the attributes at start, or null: see {@link #racingStart}. */
  private volatile Instant attributesRefusedAt;

  /**
   * @param updateDeadline how long an update (an escalation, an agent action) may take to be taken
   *     in and answered; see {@link TemporalSettings#updateDeadline()}
   */
  public JourneyClient(
      WorkflowClient temporal,
      JourneyRoutes routes,
      CustomerJourneys customers,
      Duration updateDeadline) {
    this(temporal, routes, customers, updateDeadline, Clock.systemUTC());
  }

  JourneyClient(
      WorkflowClient temporal,
      JourneyRoutes routes,
      CustomerJourneys customers,
      Duration updateDeadline,
      Clock clock) {
    this.temporal = temporal;
    this.routes = routes;
    this.customers = customers;
    this.updateDeadline = updateDeadline;
    this.clock = clock;
  }

  /**
   * What a live-call message says about its call, read at the edge.
   *
   * @param customerPhone the caller in E.164 (normalised once, where the message was read), or null
   * @param namedJourneyId the journey id the engine put in the call's metadata, or null
   */
  public record Call(
      String callId,
      String customerPhone,
      String namedJourneyId,
      String phoneNumberId,
      String assistantId) {}

  /**
   * The journey a live call belongs to, routed once. Empty when no route takes the call (unmapped
   * calls refused) or when the message names neither a number nor a call.
   */
  public Optional<CallerJourney> callerOf(Call call) {
    // Call metadata can be set by whoever starts a call with overrides: only an id the engine
    // could have issued names a journey; anything else routes as an unnamed call.
    if (JourneyIds.isIssued(call.namedJourneyId())) {
      return Optional.of(named(call.namedJourneyId(), call.customerPhone(), call.callId()));
    }
    if (call.customerPhone() == null && (call.callId() == null || call.callId().isBlank())) {
      return Optional.empty();
    }
    return routes
        .forCall(call.phoneNumberId(), call.assistantId())
        .map(route -> onRoute(route, call.customerPhone(), call.callId()));
  }

  /**
   * The journey an ended call belongs to, routed once.
   *
   * @param namedJourneyId the journey the engine named in the call's metadata, or null
   * @throws UnroutedCall when no route takes the call and unmapped calls are refused
   */
  public CallerJourney callerOf(CallReport report, String namedJourneyId) {
    if (JourneyIds.isIssued(namedJourneyId)) {
      return named(namedJourneyId, report.customerNumber(), report.callId());
    }
    JourneyRoutes.Routed route =
        routes
            .forCall(report.phoneNumberId(), report.assistantId())
            .orElseThrow(() -> new UnroutedCall(report));
    return onRoute(route, report.customerNumber(), report.callId());
  }

  private CallerJourney named(String journeyId, String phone, String callId) {
    return new CallerJourney(
        () -> journeyId,
        customers.loggable(journeyId),
        phone,
        callId,
        routes.forJourney(journeyId));
  }

  private CallerJourney onRoute(JourneyRoutes.Routed route, String phone, String callId) {
    if (phone == null) {
      String id = JourneyIds.forAnonymousCall(route.route(), callId);
      return new CallerJourney(() -> id, id, null, callId, route);
    }
    return new CallerJourney(
        () -> customers.journeyOf(route.route(), phone),
        customers.newId(route.route(), phone),
        phone,
        callId,
        route);
  }

  /**
   * Starts the caller's journey with this call, or adds the call to the running one. A report
   * delivered twice signals twice; the journey ignores the second by call id.
   *
   * @return the journey id
   */
  public String callEnded(CallerJourney caller, CallReport report) {
    String id = caller.journeyId();
    JourneySettings settings = caller.route().settings();
    signalWithStart(
        () -> {
          JourneyWorkflow journey = startable(id, report.customerNumber(), settings);
          var start = temporal.newSignalWithStartRequest();
          start.add(journey::run, new JourneyInput(id, report.customerNumber(), settings, null));
          start.add(journey::callEnded, report);
          return start;
        });
    return id;
  }

  /**
   * An agent opened a resolved journey's conversation again: the journey starts a new run on the
   * same conversation (or, if it is somehow still running, just hears about it).
   */
  public void reopened(
      String journeyId,
      String customerPhone,
      JourneyInput.Reopened conversation,
      ChatwootEvent event) {
    JourneySettings settings = routes.forJourney(journeyId).settings();
    signalWithStart(
        () -> {
          JourneyWorkflow journey = startable(journeyId, customerPhone, settings);
          var start = temporal.newSignalWithStartRequest();
          start.add(
              journey::run,
              new JourneyInput(journeyId, customerPhone, settings, null, conversation));
          start.add(journey::conversationStatusChanged, event);
          return start;
        });
  }

  /**
   * Escalates through an update, starting the journey if the caller has none yet (a first call
   * still in progress): the answer comes once the request is in the journey's history, within the
   * update deadline (see {@link #escalationWithin}).
   */
  public EscalationAnswer escalateNow(CallerJourney caller, EscalationRequest request) {
    String id = caller.journeyId();
    JourneySettings settings = caller.route().settings();
    return escalationWithin(
        id,
        () ->
            racingStart(
                () -> {
                  JourneyWorkflow journey = startable(id, caller.phone(), settings);
                  return WorkflowClient.startUpdateWithStart(
                      journey::escalateNow,
                      request,
                      UpdateOptions.<EscalationAnswer>newBuilder()
                          .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                          .build(),
                      new WithStartWorkflowOperation<>(
                          journey::run, new JourneyInput(id, caller.phone(), settings, null)));
                }));
  }

  /** Records a callback time, starting the journey if the caller has none yet. */
  public void scheduleCallback(CallerJourney caller, CallbackRequest request) {
    String id = caller.journeyId();
    JourneySettings settings = caller.route().settings();
    signalWithStart(
        () -> {
          JourneyWorkflow journey = startable(id, caller.phone(), settings);
          var start = temporal.newSignalWithStartRequest();
          start.add(journey::run, new JourneyInput(id, caller.phone(), settings, null));
          start.add(journey::scheduleCallback, request);
          return start;
        });
  }

  /** Records a live call's progress on the caller's journey; false when the caller has none. */
  public boolean callEvent(String journeyId, CallEvent event) {
    try {
      existing(journeyId).callEvent(event);
      return true;
    } catch (WorkflowNotFoundException none) {
      return false;
    }
  }

  /**
   * {@link #callEvent} for a live call's answer that must not wait on it: given up after {@code
   * deadline} (as {@link #stateWithin} is), and logged rather than thrown when Temporal cannot take
   * it. False when it was not recorded.
   */
  public boolean callEventWithin(String journeyId, CallEvent event, Duration deadline) {
    return within(
            deadline,
            () -> callEvent(journeyId, event),
            unrecorded ->
                log.warn(
                    "Call event {} of journey {} not recorded: {}",
                    event.type(),
                    customers.loggable(journeyId),
                    unrecorded))
        .orElse(false);
  }

  /**
   * Escalates a running journey and answers what happened (see {@link
   * JourneyWorkflow#escalateNow}).
   */
  public EscalationAnswer escalate(String journeyId, EscalationRequest request) {
    return escalationWithin(
        journeyId, () -> startUpdate(existing(journeyId)::escalateNow, request));
  }

  public void retry(String journeyId) {
    existing(journeyId).retry();
  }

  public void retry(String journeyId, AgentAction action) {
    existing(journeyId).retryRequested(action);
  }

  /**
   * Each answers once the journey has taken the action in (or said why not).
   *
   * @throws WorkflowUpdateTimeoutOrCancelledException when the journey gave no answer within the
   *     update deadline: the action may or may not be recorded, and asking again with the same
   *     request id is safe
   */
  public ActionAnswer stopFollowUps(String journeyId, AgentAction action) {
    return answerWithin(journeyId, () -> startUpdate(existing(journeyId)::stopFollowUps, action));
  }

  public ActionAnswer callNow(String journeyId, AgentAction action) {
    return answerWithin(journeyId, () -> startUpdate(existing(journeyId)::callNow, action));
  }

  public ActionAnswer handBack(String journeyId, AgentAction action) {
    return answerWithin(journeyId, () -> startUpdate(existing(journeyId)::handBack, action));
  }

  private static <A, R> WorkflowUpdateHandle<R> startUpdate(
      Functions.Func1<A, R> update, A argument) {
    return WorkflowClient.startUpdate(
        update,
        argument,
        UpdateOptions.<R>newBuilder().setWaitForStage(WorkflowUpdateStage.ACCEPTED).build());
  }

  /**
   * An escalation's answer within the update deadline. Not taken in by then (the journey's worker
   * down or backlogged, Temporal unreachable): {@link WorkflowUpdateTimeoutOrCancelledException},
   * which callers answer as Temporal being unavailable. Taken in but not answered by then (the
   * hand-over is still going on): {@link Outcome#QUEUED}, which is what the journey itself answers
   * when the hand-over takes longer than it waits, since the request is in the journey's history.
   */
  private EscalationAnswer escalationWithin(
      String journeyId, Supplier<WorkflowUpdateHandle<EscalationAnswer>> start) {
    return answerWithin(
        journeyId,
        start,
        late -> {
          log.warn(
              "Journey {} took the escalation in but did not answer within {}; answering queued",
              customers.loggable(journeyId),
              updateDeadline);
          return new EscalationAnswer(Outcome.QUEUED, null);
        });
  }

  /**
   * An update's answer within the update deadline, from taking it in to answering it.
   *
   * @throws WorkflowUpdateTimeoutOrCancelledException when there was none by then
   */
  private <R> R answerWithin(String journeyId, Supplier<WorkflowUpdateHandle<R>> start) {
    return answerWithin(
        journeyId,
        start,
        late -> {
          log.warn(
              "Journey {} took an update in but did not answer within {}",
              customers.loggable(journeyId),
              updateDeadline);
          throw late;
        });
  }

  /**
   * The update taken in ({@link #acceptedWithin}) and answered within the update deadline; taken in
   * but not answered by then, what {@code late} makes of it.
   */
  private <R> R answerWithin(
      String journeyId,
      Supplier<WorkflowUpdateHandle<R>> start,
      Function<WorkflowUpdateTimeoutOrCancelledException, R> late) {
    long until = System.nanoTime() + updateDeadline.toNanos();
    WorkflowUpdateHandle<R> handle = acceptedWithin(journeyId, start);
    try {
      return handle.getResult(remaining(until), TimeUnit.NANOSECONDS);
    } catch (WorkflowUpdateTimeoutOrCancelledException timedOut) {
      return late.apply(timedOut);
    }
  }

  /**
   * Starts an update and waits until the journey has taken it in (it is then in the journey's
   * history), for no longer than the update deadline. Without a deadline the SDK asks again and
   * again for as long as no worker takes the update in, so a webhook, a Vapi tool or the panel
   * would hang while the journey's worker is down or backlogged. The deadline is the gRPC
   * context's, which the SDK honours for each call and its retries.
   *
   * @throws WorkflowUpdateTimeoutOrCancelledException when the update was not taken in in time
   */
  private <R> WorkflowUpdateHandle<R> acceptedWithin(
      String journeyId, Supplier<WorkflowUpdateHandle<R>> start) {
    Context.CancellableContext bounded =
        Context.current()
            .withDeadlineAfter(updateDeadline.toNanos(), TimeUnit.NANOSECONDS, DEADLINES);
    Context previous = bounded.attach();
    try {
      return start.get();
    } catch (WorkflowNotFoundException | WorkflowUpdateException answered) {
      throw answered;
    } catch (RuntimeException unanswered) {
      // The call's own deadline (the context's) can fail it a moment before the context is
      // cancelled.
      if (!bounded.isCancelled() && !bounded.getDeadline().isExpired()) {
        throw unanswered;
      }
      log.warn(
          "Journey {} did not take an update in within {}; Temporal or its worker is unavailable",
          customers.loggable(journeyId),
          updateDeadline);
      throw updateTimeout(unanswered)
          .orElseGet(
              () ->
                  new WorkflowUpdateTimeoutOrCancelledException(
                      WorkflowExecution.newBuilder().setWorkflowId(journeyId).build(),
                      null,
                      null,
                      unanswered));
    } finally {
      bounded.detach(previous);
      bounded.cancel(null);
    }
  }

  /** The SDK's update timeout, which its update-with-start wraps. */
  private static Optional<WorkflowUpdateTimeoutOrCancelledException> updateTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowUpdateTimeoutOrCancelledException late) {
        return Optional.of(late);
      }
    }
    return Optional.empty();
  }

  /** What is left of a deadline, at least a millisecond: a handle asked with none left fails. */
  private static long remaining(long until) {
    return Math.max(until - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1));
  }

  public void customerReplied(String journeyId, ChatwootEvent event) {
    existing(journeyId).customerReplied(event);
  }

  public void agentReplied(String journeyId, ChatwootEvent event) {
    existing(journeyId).agentReplied(event);
  }

  public void conversationStatusChanged(String journeyId, ChatwootEvent event) {
    existing(journeyId).conversationStatusChanged(event);
  }

  /**
   * The journey's state (answered for finished journeys too).
   *
   * @throws WorkflowNotFoundException when there is no such journey
   */
  public JourneyView state(String journeyId) {
    return existing(journeyId).state();
  }

  /**
   * The journey's state if it can be read within {@code deadline}: a ringing caller is not kept
   * waiting for a slow or unreachable Temporal. The query carries the deadline as its gRPC
   * deadline, which Temporal's client honours for the call and its retries, so a late answer is
   * given up on the wire rather than left running. Empty when there is no such journey or no answer
   * in time.
   */
  public Optional<JourneyView> stateWithin(String journeyId, Duration deadline) {
    try {
      return within(
          deadline,
          () -> state(journeyId),
          unanswered ->
              log.warn(
                  "Journey {} could not be read ({}); answering without it",
                  customers.loggable(journeyId),
                  unanswered));
    } catch (WorkflowNotFoundException none) {
      return Optional.empty();
    }
  }

  /**
   * {@code call}'s result if it comes within {@code deadline}, carried as the gRPC context's
   * deadline, which Temporal's client honours for the call and its retries, so a late answer is
   * given up on the wire rather than left running. A journey that does not exist is thrown as it
   * is; any other failure, or no answer in time, is handed to {@code failed} (as "no answer within
   * ..." or the failure) and gives empty.
   */
  private <T> Optional<T> within(Duration deadline, Callable<T> call, Consumer<String> failed) {
    Context.CancellableContext bounded =
        Context.current().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return Optional.ofNullable(bounded.call(call));
    } catch (WorkflowNotFoundException none) {
      throw none;
    } catch (Exception unanswered) {
      failed.accept(bounded.isCancelled() ? "no answer within " + deadline : unanswered.toString());
      return Optional.empty();
    } finally {
      bounded.cancel(null);
    }
  }

  /**
   * A customer's journey on a route: a still-running one under the id journeys had before ids were
   * hashed, else the hashed id's, else a finished one under the old id.
   *
   * @throws WorkflowNotFoundException when the customer has none
   */
  public JourneyView customerJourney(String route, String e164) {
    String id = customers.journeyOf(route, e164);
    try {
      return state(id);
    } catch (WorkflowNotFoundException none) {
      for (String older : customers.candidateIds(route, e164)) {
        if (!older.equals(id)) {
          try {
            return state(older);
          } catch (WorkflowNotFoundException alsoNone) {
            // the customer's journey is none of these
          }
        }
      }
      throw none;
    }
  }

  /** The current run's event history. */
  public WorkflowExecutionHistory history(String journeyId) {
    return temporal.fetchHistory(journeyId);
  }

  /** Signals and queries go to the journey's current run; a missing journey is not created. */
  private JourneyWorkflow existing(String journeyId) {
    return temporal.newWorkflowStub(JourneyWorkflow.class, journeyId);
  }

  /**
   * Signal-with-start that survives a race: two deliveries starting the same journey at the same
   * moment can have one refused as already started (the embedded server does this); by then the
   * journey exists, so the retry signals it. Signals are idempotent in the journey.
   */
  private void signalWithStart(Supplier<BatchRequest> request) {
    // A new stub and batch each time: neither may be used for a second start.
    racingStart(() -> temporal.signalWithStart(request.get()));
  }

  /**
   * Runs a start-or-join (signal-with-start, update-with-start) again when a concurrent delivery's
   * start won the race and this one was refused as already started; by then the journey exists.
   * {@code attempt} must build its stubs afresh each time.
   */
  private <T> T racingStart(Supplier<T> attempt) {
    for (int tries = 1; ; tries++) {
      try {
        return attempt.get();
      } catch (RuntimeException refused) {
        if (tries < 3 && attributesAllowed() && unregisteredAttribute(refused)) {
          // The server does not know the attributes yet (a worker registers them at start-up, and
          // a server may take seconds to see them): start without them for a while; such a
          // journey upserts its attributes once they are registered.
          attributesRefusedAt = clock.instant();
          log.warn(
              "The namespace lacks the journey search attributes (a worker registers them at start-up); journeys start without them for the next {} s",
              ATTRIBUTES_REFUSED_FOR.toSeconds());
          continue;
        }
        if (tries >= 3 || !alreadyStarted(refused)) {
          throw refused;
        }
      }
    }
  }

  private boolean attributesAllowed() {
    Instant refused = attributesRefusedAt;
    return refused == null || !clock.instant().isBefore(refused.plus(ATTRIBUTES_REFUSED_FOR));
  }

  private static boolean unregisteredAttribute(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && String.valueOf(status.getStatus().getDescription())
              .toLowerCase(Locale.ROOT)
              .contains("search attribute")) {
        return true;
      }
    }
    return false;
  }

  private static boolean alreadyStarted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowExecutionAlreadyStarted
          || (t instanceof StatusRuntimeException status
              && status.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
        return true;
      }
    }
    return false;
  }

  /** A stub that starts the journey if it is not running, and joins it if it is. */
  private JourneyWorkflow startable(
      String journeyId, String customerPhone, JourneySettings settings) {
    return temporal.newWorkflowStub(
        JourneyWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(journeyId)
            .setTaskQueue(JourneyIds.TASK_QUEUE)
            // A running journey takes the event; a finished one is followed by a new run.
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // Shown in the Temporal UI's list, and stored like the id: it names no number, not even
            // masked. The customer is HandoffCustomerKey, which GET /journeys?phone=… computes.
            .setStaticSummary(summaryOf(journeyId, customerPhone))
            .setTypedSearchAttributes(attributesAtStart(journeyId, settings))
            .build());
  }

  /**
   * The search attributes a new journey starts with, set with the start rather than upserted by its
   * first task (one billable action fewer): what the journey would publish first. Ignored when the
   * journey is already running.
   */
  private SearchAttributes attributesAtStart(String journeyId, JourneySettings settings) {
    if (!attributesAllowed() || !settings.searchAttributes()) {
      return null;
    }
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(JourneySearchAttributes.STAGE, JourneyStage.RECORDING_CALL.name())
            .set(JourneySearchAttributes.ESCALATED, false);
    String customer = JourneyIds.customerPartOf(journeyId);
    if (customer != null) {
      attributes.set(JourneySearchAttributes.CUSTOMER_KEY, customer);
    }
    return attributes.build();
  }

  /**
   * A call from a Vapi number and assistant no route takes, with {@code
   * handoff.unmapped-calls=refuse}.
   */
  public static final class UnroutedCall extends RuntimeException {
    public UnroutedCall(CallReport report) {
      super(
          "call "
              + report.callId()
              + " came in on Vapi number "
              + report.phoneNumberId()
              + " with assistant "
              + report.assistantId()
              + ", which no handoff.routes entry maps, and handoff.unmapped-calls is refuse");
    }
  }

  static String summaryOf(String journeyId, String customerPhone) {
    String route = JourneyIds.routeOf(journeyId);
    return (customerPhone == null ? "Journey of a call without a number" : "Customer journey")
        + (route == null ? "" : " on route " + route);
  }

  private static ScheduledThreadPoolExecutor deadlineTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "journey-query-deadline");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
