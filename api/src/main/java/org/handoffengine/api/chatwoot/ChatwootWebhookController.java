package org.handoffengine.api.chatwoot;

import static org.handoffengine.platforms.JsonPaths.instant;
import static org.handoffengine.platforms.JsonPaths.number;
import static org.handoffengine.platforms.JsonPaths.text;

import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.handoffengine.activities.chatwoot.ChatwootProperties;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.JourneyLogContext;
import org.handoffengine.api.web.WebhookMeter;
import org.handoffengine.platforms.chatwoot.ConversationAttributes;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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

  private final ChatwootWebhookAuthenticator authenticator;
  private final ChatwootProperties chatwoot;
  private final JourneyClient journeys;
  private final ObjectMapper json;
  private final WebhookMeter meter;

  static final Set<String> KNOWN_EVENTS =
      Set.of(
          "message_created", "message_updated", "conversation_created", "conversation_status_changed",
          "conversation_updated", "conversation_typing_on", "conversation_typing_off", "contact_created",
          "contact_updated", "webwidget_triggered", "conversation_resolved", "conversation_opened");

  public ChatwootWebhookController(
      ChatwootWebhookAuthenticator authenticator,
      ChatwootProperties chatwoot,
      JourneyClient journeys,
      ObjectMapper json,
      WebhookMeter meter) {
    this.authenticator = authenticator;
    this.chatwoot = chatwoot;
    this.journeys = journeys;
    this.json = json;
    this.meter = meter;
  }

  /** The default account's webhook, as registered before webhooks named their account. */
  @PostMapping(path = "/webhooks/chatwoot", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> receive(
      @RequestHeader HttpHeaders headers,
      @RequestParam(name = "token", required = false) String token,
      @RequestBody(required = false) byte[] body) {
    return receive(new ChatwootTarget(chatwoot.accountId(), false), headers, token, body);
  }

  @PostMapping(path = "/webhooks/chatwoot/accounts/{accountId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> accountWebhook(
      @PathVariable long accountId,
      @RequestHeader HttpHeaders headers,
      @RequestParam(name = "token", required = false) String token,
      @RequestBody(required = false) byte[] body) {
    return receive(new ChatwootTarget(accountId, false), headers, token, body);
  }

  /**
   * The first-responder bot's {@code outgoing_url}. Chatwoot retries a bot delivery only after a
   * 429 or 500, and moves the conversation from pending to open after any other failure, so this
   * answers as fast as the account webhook does, and the same message arriving through both is one
   * event to the journey (its message id).
   */
  @PostMapping(path = "/webhooks/chatwoot/accounts/{accountId}/bot", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> agentBot(
      @PathVariable long accountId,
      @RequestHeader HttpHeaders headers,
      @RequestParam(name = "token", required = false) String token,
      @RequestBody(required = false) byte[] body) {
    return receive(new ChatwootTarget(accountId, true), headers, token, body);
  }

  private Map<String, Object> receive(ChatwootTarget target, HttpHeaders headers, String token, byte[] body) {
    try {
      authenticator.authenticate(target, headers, token, body == null ? new byte[0] : body);
    } catch (ApiProblem refused) {
      // Chatwoot never retries an account webhook and logs a refusal only on its side: say it here.
      log.warn("Chatwoot delivery {} to the {} refused: {}", headers.getFirst(DELIVERY), target, refused.getMessage());
      meter.received("chatwoot", "unknown", KNOWN_EVENTS, "refused");
      throw refused;
    }
    JsonNode event = parse(body);
    String type = text(event, "event");
    if (type == null) {
      throw ApiProblem.badRequest("event is missing; Chatwoot webhooks name their event");
    }
    String delivery = headers.getFirst(DELIVERY);
    Map<String, Object> answer = switch (type) {
      case "message_created" -> messageCreated(event, delivery);
      case "conversation_status_changed" -> statusChanged(event, delivery);
      case "conversation_updated" -> conversationUpdated(event, delivery);
      default -> ignored(type, "not an event journeys follow");
    };
    meter.received("chatwoot", type, KNOWN_EVENTS, String.valueOf(answer.get("status")));
    return answer;
  }

  private Map<String, Object> messageCreated(JsonNode event, String delivery) {
    JsonNode conversation = event.path("conversation");
    String journeyId = journeyOf(conversation);
    if (journeyId == null) {
      return ignored("message_created", "conversation " + number(conversation, "id") + " belongs to no journey");
    }
    if (event.path("private").asBoolean(false)) {
      return ignored("message_created", "private note");
    }
    String content = text(event, "content");
    if (EngineMark.postedByEngine(event)) {
      return ignored("message_created", "the engine's own message");
    }
    ChatwootEvent signal = chatwootEvent(event, conversation, delivery, number(event, "id"), content, null);
    String messageType = messageType(event.path("message_type"));
    String senderType = text(event, "sender", "type");
    if ("incoming".equals(messageType)) {
      return signal(journeyId, "customerReplied", () -> journeys.customerReplied(journeyId, signal));
    }
    if ("outgoing".equals(messageType) && "user".equalsIgnoreCase(senderType)) {
      return signal(journeyId, "agentReplied", () -> journeys.agentReplied(journeyId, signal));
    }
    return ignored("message_created", messageType + " message from " + senderType);
  }

  private Map<String, Object> statusChanged(JsonNode event, String delivery) {
    String journeyId = journeyOf(event);
    if (journeyId == null) {
      return ignored("conversation_status_changed", "conversation " + number(event, "id") + " belongs to no journey");
    }
    String status = text(event, "status");
    ChatwootEvent signal = chatwootEvent(event, event, delivery, null, null, status);
    try {
      journeys.conversationStatusChanged(journeyId, signal);
      return Map.of("status", "accepted", "journeyId", journeyId, "signal", "conversationStatusChanged");
    } catch (WorkflowNotFoundException finished) {
      if (!"open".equals(status) && !"pending".equals(status)) {
        return Map.of("status", "ignored", "journeyId", journeyId, "reason", "the journey is not running");
      }
      Long contactId = number(event, "meta", "sender", "id");
      Long conversationId = number(event, "id");
      if (contactId == null || conversationId == null) {
        throw ApiProblem.badRequest("a reopened conversation needs its id and meta.sender.id");
      }
      journeys.reopened(journeyId, text(event, "meta", "sender", "phone_number"), new JourneyInput.Reopened(contactId, conversationId), signal);
      log.info("Journey {} reopened with conversation {}", journeyId, conversationId);
      return Map.of("status", "accepted", "journeyId", journeyId, "signal", "reopened");
    }
  }

  /**
   * An agent took themselves (or a colleague) off the conversation: nobody owns it any more, so
   * the journey goes back to automation, as the panel's "hand back" does.
   */
  private Map<String, Object> conversationUpdated(JsonNode event, String delivery) {
    String journeyId = journeyOf(event);
    if (journeyId == null) {
      return ignored("conversation_updated", "conversation " + number(event, "id") + " belongs to no journey");
    }
    if (!assigneeRemoved(event.path("changed_attributes"))) {
      return ignored("conversation_updated", "no assignee was removed");
    }
    String requestId = "chatwoot-unassigned:" + (delivery != null ? delivery : number(event, "id") + ":" + text(event, "updated_at"));
    AgentAction action = new AgentAction(requestId, "Chatwoot (the conversation was unassigned)", "chatwoot");
    try {
      ActionAnswer answer = journeys.handBack(journeyId, action);
      return Map.of("status", answer.accepted() ? "accepted" : "ignored", "journeyId", journeyId, "signal", "handBack", "reason", answer.detail());
    } catch (WorkflowNotFoundException finished) {
      return Map.of("status", "ignored", "journeyId", journeyId, "reason", "the journey is not running");
    }
  }

  /** {@code changed_attributes: [{"assignee_id": {"previous_value": 31, "current_value": null}}, ...]}. */
  private static boolean assigneeRemoved(JsonNode changedAttributes) {
    for (JsonNode change : changedAttributes) {
      JsonNode assignee = change.path("assignee_id");
      if (assignee.isObject() && !assignee.path("previous_value").isNull() && !assignee.path("previous_value").isMissingNode()
          && (assignee.path("current_value").isNull() || assignee.path("current_value").isMissingNode())) {
        return true;
      }
    }
    return false;
  }

  private Map<String, Object> signal(String journeyId, String signal, Runnable send) {
    try {
      send.run();
    } catch (WorkflowNotFoundException finished) {
      // The journey has completed (resolved): nothing is waiting for this event.
      log.info("Chatwoot event for journey {} ignored: the journey is not running", journeyId);
      return Map.of("status", "ignored", "journeyId", journeyId, "reason", "the journey is not running");
    }
    return Map.of("status", "accepted", "journeyId", journeyId, "signal", signal);
  }

  /**
   * A message's {@code created_at} is its time. A conversation event's {@code created_at} is the
   * conversation's creation: the change's time is {@code updated_at} (float seconds), which also
   * keeps a second resolution of the same conversation from looking like the first to the journey's
   * dedupe when Chatwoot sends no delivery id.
   */
  static ChatwootEvent chatwootEvent(
      JsonNode event, JsonNode conversation, String delivery, Long messageId, String content, String status) {
    Instant at = messageId != null ? instant(event, "created_at") : changedAt(event);
    return new ChatwootEvent(
        delivery,
        number(conversation, "id"),
        messageId,
        content,
        status,
        at != null ? at : Instant.now());
  }

  private static Instant changedAt(JsonNode conversation) {
    JsonNode updated = conversation.path("updated_at");
    if (updated.isNumber()) {
      double seconds = updated.asDouble();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1_000);
    }
    Instant at = instant(conversation, "updated_at");
    return at != null ? at : instant(conversation, "created_at");
  }

  /** Only conversations the engine opened carry its journey id; everything else is not ours. */
  private static String journeyOf(JsonNode conversation) {
    String journeyId = text(conversation, "custom_attributes", ConversationAttributes.JOURNEY);
    if (!JourneyIds.isJourneyId(journeyId)) {
      return null;
    }
    JourneyLogContext.about(journeyId, null);
    return journeyId;
  }

  /** Account webhooks name the type ("incoming"); agent-bot payloads have carried the number too. */
  private static String messageType(JsonNode type) {
    if (type.isNumber()) {
      return switch (type.asInt()) {
        case 0 -> "incoming";
        case 1 -> "outgoing";
        default -> "other";
      };
    }
    return type.asString("other");
  }

  private static Map<String, Object> ignored(String event, String reason) {
    log.debug("Chatwoot {} ignored: {}", event, reason);
    return Map.of("status", "ignored", "event", event, "reason", reason);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiProblem.badRequest("request body is empty");
    }
    try {
      JsonNode event = json.readTree(body);
      if (event == null || !event.isObject()) {
        throw ApiProblem.badRequest("request body is not a JSON object");
      }
      return event;
    } catch (JacksonException e) {
      throw ApiProblem.badRequest("request body is not valid JSON");
    }
  }
}
