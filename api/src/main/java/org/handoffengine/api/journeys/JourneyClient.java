package org.handoffengine.api.journeys;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.CallEvent;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.CallbackRequest;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyInput;
import org.handoffengine.workflows.journey.JourneyView;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.JourneyWorkflow;
import org.handoffengine.journeys.JourneyStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The api role's only way into journeys: start or signal them in Temporal. Every method returns
 * once Temporal has durably recorded the start or signal, which is what a webhook's 2xx promises.
 */
@Component
public class JourneyClient {

  private static final Logger log = LoggerFactory.getLogger(JourneyClient.class);

  private final WorkflowClient temporal;
  private final JourneyStarter starter;
  private final ExecutorService queries =
      Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "journey-query");
        thread.setDaemon(true);
        return thread;
      });

  public JourneyClient(WorkflowClient temporal, JourneyStarter starter) {
    this.temporal = temporal;
    this.starter = starter;
  }

  /** See {@link JourneyStarter#callEnded}. */
  public String callEnded(CallReport report, String journeyId) {
    return starter.callEnded(report, journeyId);
  }

  /**
   * An agent opened a resolved journey's conversation again: the journey starts a new run on the
   * same conversation (or, if it is somehow still running, just hears about it).
   */
  public void reopened(String journeyId, String customerPhone, JourneyInput.Reopened conversation, ChatwootEvent event) {
    starter.signalWithStart(() -> {
      JourneyWorkflow journey = starter.startable(journeyId, customerPhone);
      var start = temporal.newSignalWithStartRequest();
      start.add(journey::run, starter.reopenedJourney(journeyId, customerPhone, conversation));
      start.add(journey::conversationStatusChanged, event);
      return start;
    });
  }

  public JourneyView state(String journeyId) {
    return existing(journeyId).state();
  }

  /**
   * The journey's state if it can be read within {@code deadline}: a ringing caller is not kept
   * waiting for a slow or unreachable Temporal. Empty when there is no such journey or no answer
   * in time.
   */
  public Optional<JourneyView> stateWithin(String journeyId, Duration deadline) {
    CompletableFuture<JourneyView> query = CompletableFuture.supplyAsync(() -> state(journeyId), queries);
    try {
      return Optional.of(query.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException slow) {
      query.cancel(true);
      log.warn("Journey {} could not be read within {}; answering without it", journeyId, deadline);
      return Optional.empty();
    } catch (ExecutionException failed) {
      if (!(failed.getCause() instanceof WorkflowNotFoundException)) {
        log.warn("Journey {} could not be read: {}", journeyId, failed.getCause().toString());
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Escalates through an update, starting the journey if the caller has none yet (a first call
   * still in progress): the answer comes once the request is in the journey's history.
   */
  public EscalationAnswer escalateNow(String journeyId, String customerPhone, EscalationRequest request) {
    return starter.racingStart(() -> {
      JourneyWorkflow journey = starter.startable(journeyId, customerPhone);
      return WorkflowClient.executeUpdateWithStart(
          journey::escalateNow,
          request,
          UpdateOptions.<EscalationAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(journey::run, starter.newJourney(journeyId, customerPhone)));
    });
  }

  /** Records a callback time, starting the journey if the caller has none yet. */
  public void scheduleCallback(String journeyId, String customerPhone, CallbackRequest request) {
    starter.signalWithStart(() -> {
      JourneyWorkflow journey = starter.startable(journeyId, customerPhone);
      var start = temporal.newSignalWithStartRequest();
      start.add(journey::run, starter.newJourney(journeyId, customerPhone));
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

  /** Escalates a running journey and answers what happened (see {@link JourneyWorkflow#escalateNow}). */
  public EscalationAnswer escalate(String journeyId, EscalationRequest request) {
    return existing(journeyId).escalateNow(request);
  }

  public void retry(String journeyId) {
    existing(journeyId).retry();
  }

  public void retry(String journeyId, AgentAction action) {
    existing(journeyId).retryRequested(action);
  }

  /** Each answers once the journey has taken the action in (or said why not). */
  public ActionAnswer stopFollowUps(String journeyId, AgentAction action) {
    return existing(journeyId).stopFollowUps(action);
  }

  public ActionAnswer callNow(String journeyId, AgentAction action) {
    return existing(journeyId).callNow(action);
  }

  public ActionAnswer handBack(String journeyId, AgentAction action) {
    return existing(journeyId).handBack(action);
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

  /** Signals and queries go to the journey's current run; a missing journey is not created. */
  private JourneyWorkflow existing(String journeyId) {
    return temporal.newWorkflowStub(JourneyWorkflow.class, journeyId);
  }
}
