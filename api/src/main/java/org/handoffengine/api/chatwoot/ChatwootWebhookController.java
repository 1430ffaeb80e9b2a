package org.handoffengine.api.chatwoot;

import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.JourneyLogContext;
import org.handoffengine.api.web.WebhookAuthenticationFilter;
import org.handoffengine.api.web.WebhookMeter;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.ConversationStatusChanged;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.ConversationUpdated;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.MessageCreated;
import org.handoffengine.platforms.chatwoot.ConversationAttributes;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.JourneyInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chatwoot's account and agent-bot webhooks. Each event is routed, as a signal, to the journey that
 * owns the conversation (named in the conversation's custom attributes); an event about any other
 * conversation is acknowledged and starts nothing. Chatwoot tries an account webhook once with a
 * 5-second timeout, so the answer comes as soon as Temporal holds the signal.
 */
@RestController
public class ChatwootWebhookController {

  private static final Logger log = LoggerFactory.getLogger(ChatwootWebhookController.class);
  static final String DELIVERY = "X-Chatwoot-Delivery";

  private final JourneyClient journeys;
  private final CustomerJourneys customers;
  private final WebhookMeter meter;

  static final Set<String> KNOWN_EVENTS =
      Set.of(
          "message_created",
          "message_updated",
          "conversation_created",
          "conversation_status_changed",
          "conversation_updated",
          "conversation_typing_on",
          "conversation_typing_off",
          "contact_created",
          "contact_updated",
          "webwidget_triggered",
          "conversation_resolved",
          "conversation_opened");

  public ChatwootWebhookController(
      JourneyClient journeys, CustomerJourneys customers, WebhookMeter meter) {
    this.journeys = journeys;
    this.customers = customers;
    this.meter = meter;
  }

  /**
   * The default account's webhook, as registered before webhooks named their account. {@link
   * ChatwootWebhookFilter} has authenticated the raw bytes, as the sender this URL names, before
   * they are bound here.
   */
  @PostMapping(path = "/webhooks/chatwoot", produces = MediaType.APPLICATION_JSON_VALUE)
  public ChatwootWebhookAnswer receive(
      @RequestAttribute(WebhookAuthenticationFilter.AUTHENTICATED) ChatwootTarget target,
      @RequestHeader(name = DELIVERY, required = false) String delivery,
      @RequestBody(required = false) ChatwootWebhook body) {
    return receive(body, delivery);
  }

  @PostMapping(
      path = "/webhooks/chatwoot/accounts/{accountId}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ChatwootWebhookAnswer accountWebhook(
      @PathVariable long accountId,
      @RequestAttribute(WebhookAuthenticationFilter.AUTHENTICATED) ChatwootTarget target,
      @RequestHeader(name = DELIVERY, required = false) String delivery,
      @RequestBody(required = false) ChatwootWebhook body) {
    return receive(body, delivery);
  }

  /**
   * The first-responder bot's {@code outgoing_url}. Chatwoot retries a bot delivery only after a
   * 429 or 500, and moves the conversation from pending to open after any other failure, so this
   * answers as fast as the account webhook does, and the same message arriving through both is one
   * event to the journey (its message id).
   */
  @PostMapping(
      path = "/webhooks/chatwoot/accounts/{accountId}/bot",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ChatwootWebhookAnswer agentBot(
      @PathVariable long accountId,
      @RequestAttribute(WebhookAuthenticationFilter.AUTHENTICATED) ChatwootTarget target,
      @RequestHeader(name = DELIVERY, required = false) String delivery,
      @RequestBody(required = false) ChatwootWebhook body) {
    return receive(body, delivery);
  }

  private ChatwootWebhookAnswer receive(ChatwootWebhook event, String delivery) {
    if (event == null) {
      throw ApiProblem.badRequest("request body is empty");
    }
    String type = event.event();
    if (type == null || type.isBlank()) {
      throw ApiProblem.badRequest("event is missing; Chatwoot webhooks name their event");
    }
    ChatwootWebhookAnswer answer;
    if (event instanceof MessageCreated message) {
      answer = messageCreated(message, delivery);
    } else if (event instanceof ConversationStatusChanged change) {
      answer = statusChanged(change, delivery);
    } else if (event instanceof ConversationUpdated update) {
      answer = conversationUpdated(update, delivery);
    } else {
      answer = ignored(type, "not an event journeys follow");
    }
    meter.received("chatwoot", type, KNOWN_EVENTS, answer.status());
    return answer;
  }

  private ChatwootWebhookAnswer messageCreated(MessageCreated event, String delivery) {
    ChatwootWebhook.Conversation conversation = event.conversation();
    String journeyId = journeyOf(conversation.customAttributes());
    if (journeyId == null) {
      return ignored(
          "message_created", "conversation " + conversation.id() + " belongs to no journey");
    }
    if (event.isPrivate()) {
      return ignored("message_created", "private note");
    }
    if (event.postedByEngine()) {
      return ignored("message_created", "the engine's own message");
    }
    ChatwootEvent signal = messageEvent(event, delivery);
    String messageType = event.messageTypeName();
    String senderType = event.senderType();
    if ("incoming".equals(messageType)) {
      return signal(
          journeyId, "customerReplied", () -> journeys.customerReplied(journeyId, signal));
    }
    if ("outgoing".equals(messageType) && "user".equalsIgnoreCase(senderType)) {
      return signal(journeyId, "agentReplied", () -> journeys.agentReplied(journeyId, signal));
    }
    return ignored("message_created", messageType + " message from " + senderType);
  }

  private ChatwootWebhookAnswer statusChanged(ConversationStatusChanged event, String delivery) {
    String journeyId = journeyOf(event.customAttributes());
    if (journeyId == null) {
      return ignored(
          "conversation_status_changed", "conversation " + event.id() + " belongs to no journey");
    }
    String status = present(event.status());
    ChatwootEvent signal = statusEvent(event, delivery);
    try {
      journeys.conversationStatusChanged(journeyId, signal);
      return ChatwootWebhookAnswer.accepted(journeyId, "conversationStatusChanged");
    } catch (WorkflowNotFoundException finished) {
      if (!"open".equals(status) && !"pending".equals(status)) {
        return ChatwootWebhookAnswer.notRunning(journeyId);
      }
      Long contactId = event.contact().id();
      Long conversationId = event.id();
      if (contactId == null || conversationId == null) {
        throw ApiProblem.badRequest("a reopened conversation needs its id and meta.sender.id");
      }
      journeys.reopened(
          journeyId,
          present(event.contact().phoneNumber()),
          new JourneyInput.Reopened(contactId, conversationId),
          signal);
      log.info(
          "Journey {} reopened with conversation {}",
          customers.loggable(journeyId),
          conversationId);
      return ChatwootWebhookAnswer.accepted(journeyId, "reopened");
    }
  }

  /**
   * An agent took themselves (or a colleague) off the conversation: nobody owns it any more, so the
   * journey goes back to automation, as the panel's "hand back" does.
   */
  private ChatwootWebhookAnswer conversationUpdated(ConversationUpdated event, String delivery) {
    String journeyId = journeyOf(event.customAttributes());
    if (journeyId == null) {
      return ignored(
          "conversation_updated", "conversation " + event.id() + " belongs to no journey");
    }
    if (!event.assigneeRemoved()) {
      return ignored("conversation_updated", "no assignee was removed");
    }
    String updatedAt = event.updatedAt() == null ? null : event.updatedAt().sent();
    String requestId =
        "chatwoot-unassigned:" + (delivery != null ? delivery : event.id() + ":" + updatedAt);
    AgentAction action =
        new AgentAction(requestId, "Chatwoot (the conversation was unassigned)", "chatwoot");
    try {
      ActionAnswer answer = journeys.handBack(journeyId, action);
      return new ChatwootWebhookAnswer(
          answer.accepted() ? "accepted" : "ignored", null, journeyId, "handBack", answer.detail());
    } catch (WorkflowNotFoundException finished) {
      return ChatwootWebhookAnswer.notRunning(journeyId);
    }
  }

  private ChatwootWebhookAnswer signal(String journeyId, String signal, Runnable send) {
    try {
      send.run();
    } catch (WorkflowNotFoundException finished) {
      // The journey has completed (resolved): nothing is waiting for this event.
      log.info(
          "Chatwoot event for journey {} ignored: the journey is not running",
          customers.loggable(journeyId));
      return ChatwootWebhookAnswer.notRunning(journeyId);
    }
    return ChatwootWebhookAnswer.accepted(journeyId, signal);
  }

  /** A journey's events name their conversation; one without it is bad input, not a 500. */
  private static long required(Long conversationId, String detail) {
    if (conversationId == null) {
      throw ApiProblem.badRequest(detail);
    }
    return conversationId;
  }

  /** A message's {@code created_at} is its time. */
  static ChatwootEvent messageEvent(MessageCreated message, String delivery) {
    Instant at = message.createdAt();
    return new ChatwootEvent(
        delivery,
        required(message.conversation().id(), "a message event needs its conversation.id"),
        message.id(),
        present(message.content()),
        null,
        at != null ? at : Instant.now());
  }

  /**
   * A conversation event's {@code created_at} is the conversation's creation: the change's time is
   * {@code updated_at} (float seconds), which also keeps a second resolution of the same
   * conversation from looking like the first to the journey's dedupe when Chatwoot sends no
   * delivery id.
   */
  static ChatwootEvent statusEvent(ConversationStatusChanged change, String delivery) {
    Instant at =
        change.updatedAt() != null && change.updatedAt().at() != null
            ? change.updatedAt().at()
            : change.createdAt();
    return new ChatwootEvent(
        delivery,
        required(change.id(), "a conversation event needs its id"),
        null,
        null,
        present(change.status()),
        at != null ? at : Instant.now());
  }

  /**
   * Only conversations the engine opened carry its journey id; everything else is not ours. Agents
   * can edit custom attributes, so only an id the engine issues counts, and one from before ids
   * were hashed is taken to the journey that answers for it now ({@link
   * CustomerJourneys#journeyNamed}).
   */
  private String journeyOf(Map<String, Object> customAttributes) {
    String journeyId = customers.journeyNamed(ConversationAttributes.journeyIdOf(customAttributes));
    if (journeyId != null) {
      JourneyLogContext.about(customers.loggable(journeyId), null);
    }
    return journeyId;
  }

  private static ChatwootWebhookAnswer ignored(String event, String reason) {
    log.debug("Chatwoot {} ignored: {}", event, reason);
    return ChatwootWebhookAnswer.ignored(event, reason);
  }

  private static String present(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
