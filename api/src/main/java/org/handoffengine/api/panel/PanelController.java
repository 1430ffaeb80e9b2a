package org.handoffengine.api.panel;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.handoffengine.api.journeys.JourneyController;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The journey panel Chatwoot embeds beside a conversation (a dashboard app): one server-rendered
 * page and two static files that ask Chatwoot for the conversation, read its journey here and act
 * on it. The panel's credential opens one account's journeys and nothing else; the API token is
 * never involved.
 */
@RestController
public class PanelController {

  public static final String PATH = "/chatwoot/panel";

  private final PanelAccess access;
  private final JourneyClient journeys;
  private final JourneyRoutes routes;
  private final PanelProperties properties;
  private final String chatwootOrigin;
  private final String namespace;
  private final String page = resource("/panel/panel.html");
  private final String refused = resource("/panel/refused.html");

  public PanelController(
      PanelAccess access,
      JourneyClient journeys,
      JourneyRoutes routes,
      PanelProperties properties,
      PanelOrigin origin,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.access = access;
    this.journeys = journeys;
    this.routes = routes;
    this.properties = properties;
    this.chatwootOrigin = origin.value();
    this.namespace = namespace;
  }

  @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page(
      @RequestParam(required = false) Long account, @RequestParam(required = false) String key) {
    if (account == null || key == null || !access.opens(key, account)) {
      String why =
          key == null || account == null
              ? "This panel's address has no credential. Open it from the dashboard app that setup registered in Chatwoot."
              : "This panel's credential is wrong for account "
                  + account
                  + ". Run setup again so Chatwoot has the panel's current address.";
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .contentType(MediaType.TEXT_HTML)
          .body(refused.replace("{{message}}", HtmlUtils.htmlEscape(why)));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(
            page.replace("{{account}}", String.valueOf(account))
                .replace("{{chatwootOrigin}}", HtmlUtils.htmlEscape(chatwootOrigin))
                .replace("{{title}}", HtmlUtils.htmlEscape(properties.title())));
  }

  @GetMapping(path = PATH + "/journey", produces = MediaType.APPLICATION_JSON_VALUE)
  public PanelView journey(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) Long conversation,
      @RequestParam(required = false) String journey) {
    access.requireKey(authorization, account);
    JourneyView state = ownState(account, conversation, journey);
    ZoneId zone = routes.forJourney(state.journeyId()).settings().followUp().zoneOrDefault(null);
    var followUp = routes.forJourney(state.journeyId()).settings().followUp();
    boolean canCall =
        followUp.assistantId() != null
            && followUp.phoneNumberId() != null
            && state.customerPhone() != null;
    return PanelView.of(state, zone, canCall, properties.temporalUiUrl(), namespace);
  }

  /**
   * What the panel sends with an action: where it is, and who clicked (Chatwoot's {@code
   * currentAgent}).
   */
  public record ActionBody(
      Long account,
      Long conversation,
      String journey,
      Agent agent,
      String requestId,
      Boolean outsideCallingHours) {}

  public record Agent(Long id, String name, String email) {
    String described() {
      String who = name == null || name.isBlank() ? "an agent" : name.strip();
      return id == null ? who : who + " (Chatwoot agent " + id + ")";
    }
  }

  @PostMapping(path = PATH + "/actions/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, String>> act(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String action,
      @RequestBody(required = false) ActionBody body) {
    if (body == null) {
      throw ApiProblem.badRequest("an action needs account, conversation, journey and agent");
    }
    access.requireKey(authorization, body.account());
    JourneyView state = ownState(body.account(), body.conversation(), body.journey());
    String agent = body.agent() == null ? "an agent" : body.agent().described();
    String requestId =
        body.requestId() == null || body.requestId().isBlank()
            ? UUID.randomUUID().toString()
            : body.requestId();
    AgentAction asked =
        new AgentAction(
            "panel:" + requestId,
            agent,
            "chatwoot-panel",
            Boolean.TRUE.equals(body.outsideCallingHours()));
    String id = state.journeyId();
    return switch (action) {
      case "escalate" ->
          JourneyController.answered(
              id,
              escalation(
                  id,
                  new EscalationRequest(
                      asked.requestId(),
                      "chatwoot-panel",
                      "taken over by " + agent + " from the journey panel")));
      case "retry" -> {
        journeys.retry(id, asked);
        yield JourneyController.answered(id, ActionAnswer.accepted("retrying the refused write"));
      }
      case "stop-follow-ups" -> JourneyController.answered(id, journeys.stopFollowUps(id, asked));
      case "call-now" -> JourneyController.answered(id, journeys.callNow(id, asked));
      case "hand-back" -> JourneyController.answered(id, journeys.handBack(id, asked));
      default -> throw ApiProblem.notFound("the panel has no action " + action);
    };
  }

  /**
   * What the journey said to the escalation, as the other actions' answers: taken in (handed over,
   * or queued until it can be), or refused with the reason (a human already has it, or the journey
   * cannot be escalated).
   */
  private ActionAnswer escalation(String journeyId, EscalationRequest request) {
    EscalationAnswer answer;
    try {
      answer = journeys.escalate(journeyId, request);
    } catch (WorkflowUpdateException refused) {
      return ActionAnswer.refused(
          "the journey cannot be escalated: " + JourneyController.rootMessage(refused));
    }
    return switch (answer.outcome()) {
      case ESCALATED -> ActionAnswer.accepted("handed to a human");
      case ALREADY_ESCALATED -> ActionAnswer.refused("a human already has this conversation");
      case QUEUED ->
          ActionAnswer.accepted(
              "recorded: the conversation is handed to a human as soon as it can be");
    };
  }

  private JourneyView ownState(Long account, Long conversation, String journeyId) {
    if (conversation == null || journeyId == null) {
      throw ApiProblem.badRequest(
          "the panel names the conversation and its journey (conversation, journey)");
    }
    String id = access.journeyOf(journeyId, account);
    JourneyView state;
    try {
      state = journeys.state(id);
    } catch (WorkflowNotFoundException none) {
      throw ApiProblem.notFound("not a voice journey: the engine has no journey " + id);
    }
    access.requireConversation(state, conversation);
    return state;
  }

  private static String resource(String name) {
    try (InputStream in = PanelController.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
