package org.handoffengine.workflows.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.handoffengine.workflows.bot.BotReply;
import org.handoffengine.workflows.bot.BotTurn;
import org.handoffengine.workflows.bot.ChatLine;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.ContactInboxRequest;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ContactRequest;
import org.handoffengine.workflows.chatwoot.ConversationLookup;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.HandoverRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.handoffengine.workflows.journey.JourneyMemory.EventKind;
import org.handoffengine.workflows.journey.JourneyMemory.QueuedEvent;
import org.handoffengine.workflows.journey.JourneyState.EscalationStatus;
import org.handoffengine.workflows.policy.CallOutcome;
import org.handoffengine.workflows.policy.FollowUpAction;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.handoffengine.workflows.vapi.VapiActivities;

/**
 * The journey, top to bottom: a call ends → its summary → the Chatwoot contact, matched by phone or
 * created → the conversation, with summary and transcript → follow-up calls while the customer stays
 * quiet → a human when anyone asks → done when the conversation is resolved.
 *
 * <p>Signal handlers only queue what arrived; the loop in {@link #run} does the work, one step at a
 * time, so no two activities race over the same conversation.
 */
public class JourneyWorkflowImpl implements JourneyWorkflow {

  private final JourneySettings settings;
  private final FollowUpPolicy followUp;
  private final JourneyMemory journey;
  private final ChatwootActivities chatwoot;
  private final VapiActivities vapi;
  private final FirstResponderActivities firstResponder;
  private final JourneyPublisher publisher;
  private boolean retryRequested;
  /** Set by handlers whose effect is only on the journey's published state. */
  private boolean callNews;
  private final JourneyMeter meter = new JourneyMeter();

  @WorkflowInit
  public JourneyWorkflowImpl(JourneyInput input) {
    this.settings = input.settings();
    this.followUp = settings.followUp();
    this.journey =
        input.carriedOver() != null
            ? input.carriedOver()
            : JourneyMemory.begin(input.journeyId(), input.customerPhone(), now());
    if (input.carriedOver() == null && input.reopened() != null) {
      // The conversation was resolved and opened again: the journey picks it up where it was.
      journey.contactId = input.reopened().contactId();
      journey.conversationId = input.reopened().conversationId();
      journey.restartFollowUps(now());
    }
    this.chatwoot = Workflow.newActivityStub(ChatwootActivities.class, platformCalls(settings.retry()));
    this.vapi = Workflow.newActivityStub(VapiActivities.class, platformCalls(settings.retry()));
    // A model that keeps failing must not keep the customer waiting: a few tries, then a human.
    this.firstResponder =
        Workflow.newActivityStub(
            FirstResponderActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(60))
                .setRetryOptions(
                    RetryOptions.newBuilder().setInitialInterval(settings.retry().initialInterval()).setMaximumAttempts(3).build())
                .build());
    this.publisher = new JourneyPublisher(settings.searchAttributes());
    if (input.carriedOver() == null) {
      meter.journeyStarted();
    }
  }

  @Override
  public JourneyOutcome run(JourneyInput input) {
    while (!journey.resolved) {
      awaitNews();
      recordEndedCalls();
      followChatwootEvents();
      escalateWhenAsked();
      followUpWhenQuiet();
      publisher.publish(journey, describe());
      if (historyIsLong()) {
        continueAsNew(input);
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new JourneyOutcome(
        journey.journeyId, journey.stage(), journey.calls.size(), journey.conversationId);
  }

  // --- 1. A call ended: summary, contact, conversation, messages -------------------------------

  private void recordEndedCalls() {
    while (!journey.pendingReports.isEmpty() && !journey.blocked) {
      CallReport report = journey.pendingReports.get(0);
      try {
        recordCall(report);
        journey.pendingReports.remove(0);
      } catch (ActivityFailure refused) {
        journey.recording = false;
        // Only refusals surface here: transient failures retry without limit inside the activity.
        needsAttention(refused);
        return;
      }
    }
  }

  private void recordCall(CallReport report) {
    journey.recording = true;
    publisher.publish(journey, describe());
    String summary = CallSummarizer.summarise(report);
    long account = settings.chatwoot().accountId();
    long inbox = settings.chatwoot().inboxId();

    String sourceIdInInbox = null;
    if (journey.contactId == null) {
      ContactRef contact =
          chatwoot.findOrCreateContact(
              new ContactRequest(
                  account,
                  inbox,
                  journey.customerPhone,
                  report.customerName(),
                  journey.customerPhone == null ? "vapi-call:" + report.callId() : null));
      journey.contactId = contact.contactId();
      journey.customerName = contact.name();
      sourceIdInInbox = contact.inboxSourceId();
    }
    String conversationCreatedInRun = null;
    if (journey.conversationId == null) {
      // Chatwoot's answer about the contact usually names its place in the inbox already: one
      // round trip fewer before the customer's conversation exists. Versioned because a worker on
      // the earlier code looked anyway, with the same answer in hand.
      boolean askInbox =
          sourceIdInInbox == null
              || Workflow.getVersion("source-id-from-contact", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
      String sourceId =
          askInbox
              ? chatwoot.ensureContactInbox(
                  new ContactInboxRequest(account, journey.contactId, inbox, sourceIdFor(journey.journeyId)))
              : sourceIdInInbox;
      ConversationRef conversation =
          chatwoot.openConversation(
              new ConversationRequest(
                  account, inbox, journey.contactId, sourceId, journey.journeyId, report.callId()));
      journey.conversationId = conversation.conversationId();
      conversationCreatedInRun = conversation.createdInRun();
    }
    List<Long> posted =
        chatwoot.postMessages(
            new PostMessagesRequest(
                account, journey.conversationId, JourneyMessages.forCall(report, summary), conversationCreatedInRun));
    journey.rememberPosted(posted);
    journey.callRecorded(report, summary, now());
    journey.recording = false;

    if (report.callId().equals(journey.pendingCallId)) {
      followUpCallEnded(report);
    } else if (followUp.enabled()) {
      // The customer just spoke to us: the quiet clock starts again from now.
      journey.restartFollowUps(now());
    }
    if (report.doNotCall()) {
      stopFollowUps("the customer asked not to be called again");
      journey.customerDeclined = true;
    }
  }

  // --- 2. What happens in Chatwoot: replies, takeover, resolution ------------------------------

  private void followChatwootEvents() {
    while (!journey.pendingEvents.isEmpty()) {
      QueuedEvent queued = journey.pendingEvents.remove(0);
      ChatwootEvent event = queued.event();
      switch (queued.kind()) {
        case CUSTOMER_REPLIED -> {
          journey.customerReplied = true;
          journey.quietSince = now();
          stopFollowUps("the customer replied");
          journey.rememberChat(ChatLine.Speaker.CUSTOMER, event.content());
          if (settings.escalation().asksForAPerson(event.content())) {
            journey.pendingEscalations.add(
                new EscalationRequest(
                    "chatwoot-phrase:" + event.messageId(), "chatwoot", "the customer asked for a person"));
          } else if (botMayAnswer()) {
            answerAsFirstResponder(event);
          }
        }
        case AGENT_REPLIED -> {
          journey.agentHandling = true;
          stopFollowUps("an agent replied");
        }
        case STATUS_CHANGED -> {
          if ("resolved".equals(event.status())) {
            journey.resolved = true;
          }
        }
      }
      journey.updatedAt = now();
    }
  }

  // --- 2b. The first-responder bot answers while no human owns the conversation ---------------

  private boolean botMayAnswer() {
    return settings.bot().enabled()
        && journey.conversationId != null
        && !journey.blocked
        && !journey.agentHandling
        && !journey.escalation.escalated()
        && journey.pendingEscalations.isEmpty()
        && Workflow.getVersion("first-responder-bot", Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** Every way this ends leaves the customer with an answer or with a human; never with silence. */
  private void answerAsFirstResponder(ChatwootEvent message) {
    String handOffId = "bot:" + message.messageId();
    if (!settings.bot().mayAnswerAgain(journey.botReplies)) {
      journey.pendingEscalations.add(
          new EscalationRequest(handOffId, "bot", "the assistant gave its " + settings.bot().maxTurns() + " replies"));
      return;
    }
    BotReply reply;
    try {
      reply = firstResponder.answer(new BotTurn(journey.journeyId, journey.customerName, journey.lastSummary, journey.chat));
    } catch (ActivityFailure modelUnavailable) {
      journey.pendingEscalations.add(new EscalationRequest(handOffId, "bot", "the assistant could not be reached"));
      return;
    }
    if (reply.handOff() || reply.text() == null || reply.text().isBlank()) {
      journey.pendingEscalations.add(new EscalationRequest(handOffId, "bot", "the assistant could not help"));
      return;
    }
    journey.botReplies++;
    postNote(JourneyMessages.botReply(message.messageId(), journey.botReplies, reply.text()));
    journey.rememberChat(ChatLine.Speaker.BOT, reply.text());
  }

  // --- 3. Escalation: a human takes over -------------------------------------------------------

  private void escalateWhenAsked() {
    if (journey.pendingEscalations.isEmpty() || journey.conversationId == null || journey.blocked) {
      return; // an escalation before the conversation exists waits for it
    }
    EscalationRequest request = journey.pendingEscalations.get(0);
    journey.pendingEscalations.clear();
    if (journey.escalation.escalated() || journey.resolved) {
      return; // escalating twice adds nothing, not even a second note
    }
    long account = settings.chatwoot().accountId();
    try {
      chatwoot.handOver(
          new HandoverRequest(
              account,
              journey.conversationId,
              settings.escalation().teamId(),
              settings.escalation().agentId(),
              settings.escalation().label()));
      journey.rememberPosted(
          chatwoot.postMessages(
              new PostMessagesRequest(
                  account,
                  journey.conversationId,
                  List.of(JourneyMessages.escalation(request, journey.lastSummary, journey.calls)))));
    } catch (ActivityFailure refused) {
      journey.pendingEscalations.add(request);
      needsAttention(refused);
      return;
    }
    journey.escalation = new EscalationStatus(true, request.source(), request.reason(), now());
    meter.escalated(request.source());
    stopFollowUps("escalated to a human");
  }

  // --- 4. Follow-up calls while the customer is quiet ------------------------------------------

  private void followUpWhenQuiet() {
    if (!journey.followUpsMayRun() || !followUp.enabled()) {
      return;
    }
    if (journey.pendingCallId != null) {
      askVapiForLostReport();
      return;
    }
    Instant due = nextFollowUpAt();
    if (due == null || now().isBefore(due)) {
      return;
    }
    if (journey.attemptsMade >= followUp.maxAttempts() && journey.callbackAt == null) {
      stopFollowUps("no answer after " + journey.attemptsMade + " follow-up calls");
      return;
    }
    // Webhooks get lost: look at the conversation itself before calling anyone.
    ConversationSnapshot now =
        chatwoot.readConversation(
            new ConversationLookup(settings.chatwoot().accountId(), journey.conversationId));
    if ("resolved".equals(now.status())) {
      journey.resolved = true;
      return;
    }
    if (isAfter(now.lastCustomerMessageAt(), journey.quietSince)) {
      journey.customerReplied = true;
      stopFollowUps("the customer replied");
      return;
    }
    if (isAfter(now.lastAgentMessageAt(), journey.quietSince)) {
      journey.agentHandling = true;
      stopFollowUps("an agent replied");
      return;
    }
    int attempt = journey.attemptsMade + 1;
    PlacedCall call =
        vapi.placeFollowUpCall(
            new FollowUpCallRequest(
                journey.journeyId,
                attempt,
                followUp.assistantId(),
                followUp.phoneNumberId(),
                journey.customerPhone,
                journey.customerName,
                callVariables()));
    meter.followUpCallPlaced();
    journey.attemptsMade = attempt;
    journey.lastAttemptAt = now();
    journey.callbackAt = null;
    journey.pendingCallId = call.callId();
    journey.pendingCallDeadline = now().plus(followUp.reportTimeout());
    postNote(JourneyMessages.followUpPlaced(attempt, followUp.maxAttempts(), call.callId()));
  }

  /** Vapi does not redeliver a lost end-of-call report; after a while, ask for the call itself. */
  private void askVapiForLostReport() {
    if (now().isBefore(journey.pendingCallDeadline)) {
      return;
    }
    CallReport report = vapi.fetchEndedCall(journey.pendingCallId);
    if (report == null) {
      journey.pendingCallDeadline = now().plus(followUp.reportTimeout());
    } else if (journey.firstReportOf(report.callId())) {
      journey.pendingReports.add(report);
    }
  }

  private void followUpCallEnded(CallReport report) {
    journey.pendingCallId = null;
    journey.pendingCallDeadline = null;
    CallOutcome outcome = CallOutcome.of(report.endedReason(), report.doNotCall());
    if (outcome == CallOutcome.DECLINED) {
      // Not configurable: a customer who declined is never called again by the sequence.
      journey.customerDeclined = true;
      stopFollowUps("the customer declined the follow-up call");
      return;
    }
    FollowUpAction action = followUp.actionAfter(outcome);
    switch (action) {
      case RETRY -> {} // the schedule says when the next attempt is due
      case STOP -> stopFollowUps("follow-up call " + journey.attemptsMade + " ended: " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      case ESCALATE ->
          journey.pendingEscalations.add(
              new EscalationRequest(
                  "follow-up:" + report.callId(),
                  "engine",
                  "follow-up call ended: " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    }
  }

  private Instant nextFollowUpAt() {
    if (journey.callbackAt != null) {
      return journey.callbackAt; // the customer chose the time: no calling window applies
    }
    if (journey.quietSince == null) {
      return null;
    }
    return followUp.nextDueAt(
        journey.quietSince,
        journey.attemptsMade,
        journey.lastAttemptAt,
        followUp.zoneOrDefault(journey.customerZone));
  }

  private void stopFollowUps(String why) {
    boolean wasRunning = journey.followUpsStoppedBecause == null && journey.attemptsMade > 0;
    if (journey.followUpsStoppedBecause == null) {
      journey.followUpsStoppedBecause = why;
    }
    if (wasRunning && journey.conversationId != null && !journey.blocked) {
      postNote(JourneyMessages.followUpsStopped(why, journey.attemptsMade));
    }
  }

  private Map<String, String> callVariables() {
    return Map.of(
        "customerName", journey.customerName == null ? "" : journey.customerName,
        "summary", journey.lastSummary == null ? "" : journey.lastSummary,
        "chatwootConversationId", String.valueOf(journey.conversationId),
        "journeyId", journey.journeyId);
  }

  private void postNote(OutgoingMessage note) {
    try {
      journey.rememberPosted(
          chatwoot.postMessages(
              new PostMessagesRequest(settings.chatwoot().accountId(), journey.conversationId, List.of(note))));
    } catch (ActivityFailure refused) {
      needsAttention(refused);
    }
  }

  // --- Waiting, state, history -----------------------------------------------------------------

  private void awaitNews() {
    Supplier<Boolean> news =
        () ->
            retryRequested
                || (!journey.blocked && !journey.pendingReports.isEmpty())
                || !journey.pendingEvents.isEmpty()
                || callNews
                || (!journey.pendingEscalations.isEmpty() && journey.conversationId != null && !journey.blocked);
    if (news.get()) {
      callNews = false;
      unblockIfAsked();
      return;
    }
    Instant wakeUp = nextWakeUp();
    if (wakeUp == null) {
      Workflow.await(news);
    } else {
      Duration wait = Duration.between(now(), wakeUp);
      if (wait.compareTo(Duration.ZERO) > 0) {
        Workflow.await(wait, news);
      }
    }
    callNews = false;
    unblockIfAsked();
  }

  private void unblockIfAsked() {
    if (retryRequested) {
      retryRequested = false;
      journey.blocked = false;
      journey.problem = null;
    }
  }

  private Instant nextWakeUp() {
    if (!journey.followUpsMayRun() || !followUp.enabled()) {
      return null;
    }
    return journey.pendingCallId != null ? journey.pendingCallDeadline : nextFollowUpAt();
  }

  private void needsAttention(ActivityFailure refused) {
    journey.blocked = true;
    journey.problem = refused.getCause() != null ? refused.getCause().getMessage() : refused.getMessage();
    journey.updatedAt = now();
  }

  private boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested() || info.getHistoryLength() > settings.continueAsNewAfterEvents();
  }

  private void continueAsNew(JourneyInput input) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    journey.runs++;
    Workflow.continueAsNew(new JourneyInput(input.journeyId(), input.customerPhone(), settings, journey));
  }

  private String describe() {
    return JourneyStatusLine.describe(journey, followUp, nextWakeUp());
  }

  // --- Signals and query: queue and answer, never call out -------------------------------------

  @Override
  public void callEnded(CallReport report) {
    if (journey.firstReportOf(report.callId())) {
      journey.pendingReports.add(report);
      retryRequested |= journey.blocked; // a new call is a reason to try the refused write again
    }
  }

  @Override
  public void customerReplied(ChatwootEvent event) {
    queue(EventKind.CUSTOMER_REPLIED, event);
  }

  @Override
  public void agentReplied(ChatwootEvent event) {
    if (!journey.postedByEngine(event.messageId())) {
      queue(EventKind.AGENT_REPLIED, event);
    }
  }

  @Override
  public void conversationStatusChanged(ChatwootEvent event) {
    queue(EventKind.STATUS_CHANGED, event);
  }

  @Override
  public void escalate(EscalationRequest request) {
    if (journey.firstSighting(List.of("escalation:" + request.eventId()))) {
      journey.pendingEscalations.add(request);
    }
  }

  @Override
  public EscalationStatus escalateNow(EscalationRequest request) {
    escalate(request);
    return journey.escalation.escalated()
        ? journey.escalation
        : new EscalationStatus(true, request.source(), request.reason(), now());
  }

  @Override
  public void callEvent(CallEvent event) {
    if (journey.firstSighting(List.of(event.dedupeKey()))) {
      journey.callEvent(event);
      callNews = true;
    }
  }

  @Override
  public void scheduleCallback(CallbackRequest request) {
    if (journey.firstSighting(List.of("callback:" + request.eventId()))) {
      journey.callbackRequested(request.at());
      callNews = true;
    }
  }

  @Override
  public void retry() {
    retryRequested = true;
  }

  @Override
  public JourneyState state() {
    return JourneyStatusLine.snapshot(journey, followUp, nextWakeUp(), describe());
  }

  private void queue(EventKind kind, ChatwootEvent event) {
    if (journey.firstSighting(event.dedupeKeys(kind.name()))) {
      journey.pendingEvents.add(new QueuedEvent(kind, event));
    }
  }

  // --- Helpers ---------------------------------------------------------------------------------

  private static ActivityOptions platformCalls(PlatformRetry retry) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(retry.attemptTimeout())
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retry.initialInterval())
                .setMaximumInterval(retry.maximumInterval())
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(0) // unlimited: an outage delays a journey, never fails it
                .build())
        .build();
  }

  static String sourceIdFor(String journeyId) {
    return "handoff-" + journeyId.replaceAll("[^A-Za-z0-9_-]", "");
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static boolean isAfter(Instant candidate, Instant reference) {
    return candidate != null && (reference == null || candidate.isAfter(reference));
  }

}
