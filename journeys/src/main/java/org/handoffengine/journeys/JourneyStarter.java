package org.handoffengine.journeys;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyInput;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyWorkflow;

/**
 * Starts a journey or joins the running one: the single place that knows a journey's workflow
 * options. Both the webhook and the reconciler hand calls to journeys through it.
 */
public class JourneyStarter {

  private static final Logger log = LoggerFactory.getLogger(JourneyStarter.class);

  private final WorkflowClient temporal;
  private final JourneyRoutes routes;
  private final CustomerJourneys customers;
  /** False once the server refused them: see {@link #racingStart}. */
  private volatile boolean attributesAtStart = true;

  public JourneyStarter(WorkflowClient temporal, JourneyRoutes routes, CustomerJourneys customers) {
    this.temporal = temporal;
    this.routes = routes;
    this.customers = customers;
  }

  /**
   * Starts the customer's journey with this call, or adds the call to the running one. A report
   * delivered twice signals twice; the journey ignores the second by call id.
   *
   * @param journeyId the journey the engine named in the call's metadata, or null to derive it
   * @return the journey id
   * @throws UnroutedCall when no route takes the call and unmapped calls are refused
   */
  public String callEnded(CallReport report, String journeyId) {
    String id = JourneyIds.isJourneyId(journeyId) ? journeyId : journeyIdOf(report);
    signalWithStart(() -> {
      JourneyWorkflow journey = startable(id, report.customerNumber());
      var start = temporal.newSignalWithStartRequest();
      start.add(journey::run, newJourney(id, report.customerNumber()));
      start.add(journey::callEnded, report);
      return start;
    });
    return id;
  }

  /**
   * Signal-with-start that survives a race: two deliveries starting the same journey at the same
   * moment can have one refused as already started (the embedded server does this); by then the
   * journey exists, so the retry signals it. Signals are idempotent in the journey.
   */
  public void signalWithStart(Supplier<BatchRequest> request) {
    // A new stub and batch each time: neither may be used for a second start.
    racingStart(() -> temporal.signalWithStart(request.get()));
  }

  /**
   * Runs a start-or-join (signal-with-start, update-with-start) again when a concurrent delivery's
   * start won the race and this one was refused as already started; by then the journey exists.
   * {@code attempt} must build its stubs afresh each time.
   */
  public <T> T racingStart(Supplier<T> attempt) {
    for (int tries = 1; ; tries++) {
      try {
        return attempt.get();
      } catch (RuntimeException refused) {
        if (tries < 3 && attributesAtStart && unregisteredAttribute(refused)) {
          // An api role can start journeys before any worker registered the attributes: start
          // them without; the journey upserts its attributes once the worker has registered them.
          attributesAtStart = false;
          log.warn("The namespace lacks the journey search attributes (a worker registers them at start-up); journeys start without them from now on");
          continue;
        }
        if (tries >= 3 || !alreadyStarted(refused)) {
          throw refused;
        }
      }
    }
  }

  private static boolean unregisteredAttribute(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && String.valueOf(status.getStatus().getDescription()).toLowerCase(java.util.Locale.ROOT).contains("search attribute")) {
        return true;
      }
    }
    return false;
  }

  private static boolean alreadyStarted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowExecutionAlreadyStarted
          || (t instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
        return true;
      }
    }
    return false;
  }

  public JourneyInput newJourney(String journeyId, String customerPhone) {
    return new JourneyInput(journeyId, customerPhone, routes.forJourney(journeyId).settings(), null);
  }

  public JourneyInput reopenedJourney(String journeyId, String customerPhone, JourneyInput.Reopened conversation) {
    return new JourneyInput(journeyId, customerPhone, routes.forJourney(journeyId).settings(), null, conversation);
  }

  /** A stub that starts the journey if it is not running, and joins it if it is. */
  public JourneyWorkflow startable(String journeyId, String customerPhone) {
    return temporal.newWorkflowStub(
        JourneyWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(journeyId)
            .setTaskQueue(JourneyIds.TASK_QUEUE)
            // A running journey takes the event; a finished one is followed by a new run.
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // Shown in the Temporal UI's list, and stored like the id: it names no number, not even
            // masked. The customer is HandoffCustomerKey, which GET /journeys?phone=… computes.
            .setStaticSummary(summaryOf(journeyId, customerPhone))
            .setTypedSearchAttributes(attributesAtStart(journeyId))
            .build());
  }

  /**
   * The search attributes a new journey starts with, set with the start rather than upserted by
   * its first task (one billable action fewer): what the journey would publish first. Ignored
   * when the journey is already running.
   */
  private SearchAttributes attributesAtStart(String journeyId) {
    if (!attributesAtStart || !routes.forJourney(journeyId).settings().searchAttributes()) {
      return null;
    }
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
        .set(JourneySearchAttributes.STAGE, JourneyStage.RECORDING_CALL.name())
        .set(JourneySearchAttributes.ESCALATED, false);
    String customer = JourneyIds.customerPartOf(journeyId);
    if (customer != null) {
      attributes.set(JourneySearchAttributes.CUSTOMER_KEY, customer);
    }
    return attributes.build();
  }

  /** The journey a report belongs to, on the route of the number or assistant it used. */
  public String journeyIdOf(CallReport report) {
    String route =
        routes.forCall(report.phoneNumberId(), report.assistantId())
            .orElseThrow(() -> new UnroutedCall(report))
            .route();
    return report.customerNumber() != null
        ? customers.journeyOf(route, report.customerNumber())
        : JourneyIds.forAnonymousCall(route, report.callId());
  }

  /** A call from a Vapi number and assistant no route takes, with {@code handoff.unmapped-calls=refuse}. */
  public static final class UnroutedCall extends RuntimeException {
    public UnroutedCall(CallReport report) {
      super("call " + report.callId() + " came in on Vapi number " + report.phoneNumberId() + " with assistant "
          + report.assistantId() + ", which no handoff.routes entry maps, and handoff.unmapped-calls is refuse");
    }
  }

  static String summaryOf(String journeyId, String customerPhone) {
    String route = JourneyIds.routeOf(journeyId);
    return (customerPhone == null ? "Journey of a call without a number" : "Customer journey")
        + (route == null ? "" : " on route " + route);
  }
}
