package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.journey.Inbox.AgentActionKind;
import org.handoffengine.workflows.journey.Inbox.EventKind;
import org.handoffengine.workflows.journey.Inbox.QueuedEvent;
import org.handoffengine.workflows.policy.FollowUpPolicy;

/**
 * The journey, top to bottom: a call ends → its summary → the Chatwoot contact, matched by phone or
 * created → the conversation, with summary and transcript → follow-up calls while the customer
 * stays quiet → a human when anyone asks → done when the conversation is resolved.
 *
 * <p>Signal handlers only queue what arrived ({@link Inbox}); the loop in {@link #run} does the
 * work, one step at a time, so no two activities race over the same conversation: agents' actions
 * ({@link AgentActions}), ended calls ({@link CallRecorder}), Chatwoot's news (below), hand-overs
 * ({@link Escalations}), follow-up calls ({@link FollowUpCaller}). Every step that calls a platform
 * runs through {@link Refusals}: a refusal shows on the journey, it never fails it.
 */
public class JourneyWorkflowImpl implements JourneyWorkflow {

  private final JourneySettings settings;
  private final FollowUpPolicy followUp;
  private final JourneyState journey;
  private final Inbox inbox;
  private final ConversationWriter writer;
  private final FirstResponderTurn firstResponder;
  private final Refusals refusals;
  private final JourneyPublisher publisher;
  private final FollowUpCaller followUps;
  private final AgentActions agentActions;
  private final CallRecorder calls;
  private final Escalations escalations;
  private final JourneyMeter meter = new JourneyMeter();
  private final JourneyVersion version = new JourneyVersion();

  @WorkflowInit
  public JourneyWorkflowImpl(JourneyInput input) {
    this.settings = input.settings();
    this.followUp = settings.followUp();
    boolean carried = input.carriedOver() != null;
    this.journey =
        carried
            ? input.carriedOver()
            : JourneyState.begin(input.journeyId(), input.customerPhone(), now());
    if (!carried && input.reopened() != null) {
      journey.conversation.adopt(input.reopened().contactId(), input.reopened().conversationId());
      journey.followUps.restart(now());
    }
    this.inbox = journey.inbox;
    JourneyPlatforms platforms = new JourneyPlatforms(settings);
    this.writer = new ConversationWriter(settings, platforms, journey, version);
    this.firstResponder = new FirstResponderTurn(platforms.firstResponder, settings.bot());
    this.refusals = new Refusals(journey);
    this.followUps =
        new FollowUpCaller(
            journey,
            followUp,
            writer,
            platforms,
            settings.retry(),
            refusals,
            meter,
            this::postNote);
    this.agentActions =
        new AgentActions(journey, followUp, followUps, refusals, writer, settings.bot().enabled());
    this.publisher = new JourneyPublisher(settings.searchAttributes());
    this.calls =
        new CallRecorder(
            journey, writer, refusals, followUps, () -> publisher.publish(journey, describe()));
    this.escalations = new Escalations(journey, writer, refusals, meter, followUps);
    if (!carried) {
      meter.journeyStarted();
    }
  }

  @Override
  public JourneyOutcome run(JourneyInput input) {
    version.decide();
    if (version.searchAttributesAtStart()) {
      publisher.startFromCurrentAttributes();
    }
    while (!journey.conversation.resolved) {
      awaitNews();
      agentActions.carryOut();
      calls.recordEndedCalls();
      followChatwootEvents();
      escalations.handOverWhenAsked();
      followUps.callWhenDue();
      publisher.publish(journey, describe());
      if (historyIsLong()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new JourneyInput(input.journeyId(), input.customerPhone(), settings, journey));
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new JourneyOutcome(
        journey.journeyId,
        journey.stage(),
        journey.conversation.calls.size(),
        journey.conversation.conversationId);
  }

  // --- What happens in Chatwoot: replies, takeover, resolution --------------------------------

  private void followChatwootEvents() {
    for (QueuedEvent queued = inbox.takeEvent(); queued != null; queued = inbox.takeEvent()) {
      ChatwootEvent event = queued.event();
      switch (queued.kind()) {
        case CUSTOMER_REPLIED -> {
          journey.followUps.customerReplied(now());
          followUps.stop("the customer replied");
          journey.conversation.rememberChat(ChatLine.Speaker.CUSTOMER, event.content());
          if (settings.escalation().asksForAPerson(event.content())) {
            inbox.escalationDecided(
                new EscalationRequest(
                    "chatwoot-phrase:" + event.messageId(),
                    "chatwoot",
                    "the customer asked for a person"));
          } else if (firstResponder.mayAnswer(journey)) {
            firstResponder.reply(event, journey, this::postNote);
          }
        }
        case AGENT_REPLIED -> {
          journey.handover.agentReplied();
          followUps.stop("an agent replied");
        }
        case STATUS_CHANGED -> {
          if (ofThisConversation(event)) {
            journey.conversation.resolved |= "resolved".equals(event.status());
          }
        }
      }
      journey.updatedAt = now();
    }
  }

  /**
   * Every conversation the engine opened for this customer names the same journey, so an agent
   * resolving an old one must not end the journey of the current one. The version is asked only
   * when they differ: a journey that never sees another conversation's status records no marker.
   */
  private boolean ofThisConversation(ChatwootEvent event) {
    Long own = journey.conversation.conversationId;
    return own == null
        || own == event.conversationId()
        || Workflow.getVersion("status-of-own-conversation", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION;
  }

  private void postNote(OutgoingMessage note) {
    refusals.attempt(() -> writer.post(note));
  }

  // --- Waiting, state, history -----------------------------------------------------------------

  private void awaitNews() {
    if (!journey.hasNews()) {
      Instant wakeUp = followUps.nextWakeUp();
      if (wakeUp == null) {
        Workflow.await(journey::hasNews);
      } else if (wakeUp.isAfter(now())) {
        Workflow.await(Duration.between(now(), wakeUp), journey::hasNews);
      }
    }
    inbox.takeCallNews();
    if (inbox.takeRetry()) {
      journey.attention.cleared();
    }
  }

  private boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || info.getHistoryLength() > settings.continueAsNewAfterEvents();
  }

  private String describe() {
    return JourneyStatusLine.describe(journey, followUp, followUps.nextWakeUp());
  }

  // --- Signals, update and query: queue and answer, never call out -----------------------------

  @Override
  public void callEnded(CallReport report) {
    journey.reportArrived(report);
  }

  @Override
  public void customerReplied(ChatwootEvent event) {
    inbox.eventArrived(EventKind.CUSTOMER_REPLIED, event);
  }

  @Override
  public void agentReplied(ChatwootEvent event) {
    inbox.agentReplyArrived(event);
  }

  @Override
  public void conversationStatusChanged(ChatwootEvent event) {
    inbox.eventArrived(EventKind.STATUS_CHANGED, event);
  }

  @Override
  public void escalate(EscalationRequest request) {
    inbox.escalationArrived(request);
  }

  @Override
  public void validateEscalateNow(EscalationRequest request) {
    escalations.validate(request);
  }

  @Override
  public EscalationAnswer escalateNow(EscalationRequest request) {
    return escalations.ask(request);
  }

  @Override
  public void callEvent(CallEvent event) {
    journey.callEventArrived(event);
  }

  @Override
  public void scheduleCallback(CallbackRequest request) {
    journey.callbackArrived(request);
  }

  @Override
  public void retry() {
    inbox.retryRequested = true;
  }

  @Override
  public ActionAnswer stopFollowUps(AgentAction action) {
    return agentActions.ask(AgentActionKind.STOP_FOLLOW_UPS, action);
  }

  @Override
  public ActionAnswer callNow(AgentAction action) {
    return agentActions.ask(AgentActionKind.CALL_NOW, action);
  }

  @Override
  public ActionAnswer handBack(AgentAction action) {
    return agentActions.ask(AgentActionKind.HAND_BACK, action);
  }

  @Override
  public void retryRequested(AgentAction action) {
    // The note is written once the refused step is let through; a retry with nothing refused says
    // nothing.
    if (journey.attention.blocked) {
      agentActions.ask(AgentActionKind.RETRY, action);
    }
    inbox.retryRequested = true;
  }

  @Override
  public JourneyView state() {
    return JourneyStatusLine.snapshot(journey, followUp, followUps.nextWakeUp(), describe());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
