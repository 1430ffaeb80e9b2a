package org.handoffengine.api.journeys;

import io.temporal.client.WorkflowUpdateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.workflows.journey.ActionAnswer;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine's own API: read a journey, find a customer's, list them, escalate, retry refused
 * writes.
 */
@RestController
public class JourneyController {

  private final JourneyClient journeys;
  private final JourneyDirectory directory;
  private final String defaultRegion;

  public JourneyController(
      JourneyClient journeys, JourneyDirectory directory, JourneyProperties properties) {
    this.journeys = journeys;
    this.directory = directory;
    this.defaultRegion = properties.journey().defaultRegion();
  }

  @GetMapping("/journeys/{journeyId}")
  public JourneyView journey(@PathVariable String journeyId) {
    return journeys.state(validId(journeyId));
  }

  /**
   * Two questions on one path. {@code ?phone=…[&route=…]} alone: that customer's journey, found by
   * the id derived from the number's keyed hash (or, for a journey started before ids were hashed,
   * by its old id), on any server. With {@code stage}, {@code escalated}, {@code pageSize} or
   * {@code nextPageToken} (or no parameter at all): a page of journeys from Temporal's visibility
   * store, which only a real server has; the embedded one answers 501.
   */
  @GetMapping("/journeys")
  public Object find(
      @RequestParam(required = false) String phone,
      @RequestParam(required = false) String route,
      @RequestParam(required = false) String stage,
      @RequestParam(required = false) String escalated,
      @RequestParam(required = false) String pageSize,
      @RequestParam(required = false) String nextPageToken) {
    boolean listing =
        stage != null
            || escalated != null
            || pageSize != null
            || nextPageToken != null
            || phone == null;
    if (!listing) {
      return journeys.customerJourney(validRoute(route), e164(phone));
    }
    if (route != null) {
      throw ApiProblem.badRequest(
          "route picks one customer's journey (?phone=…&route=…); a list covers every route");
    }
    JourneyDirectory.Filter filter =
        new JourneyDirectory.Filter(
            stage == null ? null : stageNamed(stage),
            escalated == null ? null : flag(escalated),
            phone == null ? null : directory.customerFilter(e164(phone)));
    return directory.list(filter, size(pageSize), nextPageToken);
  }

  private String e164(String phone) {
    if (phone.isBlank()) {
      throw ApiProblem.badRequest(
          "phone is empty; give a number, e.g. /journeys?phone=%2B14155550123");
    }
    return CustomerPhone.normalise(phone, defaultRegion)
        .orElseThrow(() -> ApiProblem.badRequest("phone is not a phone number: " + phone));
  }

  private static String validRoute(String route) {
    if (route != null && !JourneyIds.isRouteName(route)) {
      throw ApiProblem.badRequest(
          "route is not a route name (lowercase letters and digits): " + route);
    }
    return route;
  }

  private static JourneyStage stageNamed(String stage) {
    try {
      return JourneyStage.valueOf(stage);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          "stage is not one of " + Arrays.toString(JourneyStage.values()) + ": " + stage);
    }
  }

  private static boolean flag(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiProblem.badRequest("escalated is true or false: " + value);
    };
  }

  private static int size(String pageSize) {
    if (pageSize == null) {
      return JourneyDirectory.DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(pageSize);
      if (size >= 1 && size <= JourneyDirectory.MAX_PAGE_SIZE) {
        return size;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw ApiProblem.badRequest(
        "pageSize is a number from 1 to " + JourneyDirectory.MAX_PAGE_SIZE + ": " + pageSize);
  }

  public record EscalationBody(String reason) {}

  @PostMapping("/journeys/{journeyId}/escalate")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> escalate(
      @PathVariable String journeyId,
      @RequestBody(required = false) EscalationBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    String reason =
        body == null || body.reason() == null || body.reason().isBlank()
            ? "requested through the API"
            : body.reason();
    String eventId =
        "api:"
            + (idempotencyKey != null && !idempotencyKey.isBlank()
                ? idempotencyKey
                : UUID.randomUUID());
    EscalationAnswer answer;
    try {
      answer = journeys.escalate(validId(journeyId), new EscalationRequest(eventId, "api", reason));
    } catch (WorkflowUpdateException refused) {
      throw ApiProblem.conflict("the journey cannot be escalated: " + rootMessage(refused));
    }
    // Says what happened: "escalated", "already escalated", or "queued" (no conversation yet, or
    // the journey needs attention first).
    return Map.of(
        "journeyId",
        journeyId,
        "status",
        answer.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  @PostMapping("/journeys/{journeyId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> retry(
      @PathVariable String journeyId,
      @RequestBody(required = false) AgentBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (body == null || body.agent() == null || body.agent().isBlank()) {
      journeys.retry(validId(journeyId));
    } else {
      journeys.retry(validId(journeyId), action(body, idempotencyKey));
    }
    return Map.of("journeyId", journeyId, "status", "retry requested");
  }

  /**
   * @param agent who asks, named in the journey's private note; "an operator (journey API)" when
   *     absent
   * @param outsideCallingHours for call-now: place the call even outside the calling window
   */
  public record AgentBody(String agent, Boolean outsideCallingHours) {}

  @PostMapping("/journeys/{journeyId}/follow-ups/stop")
  public ResponseEntity<Map<String, String>> stopFollowUps(
      @PathVariable String journeyId,
      @RequestBody(required = false) AgentBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return answered(
        journeyId, journeys.stopFollowUps(validId(journeyId), action(body, idempotencyKey)));
  }

  @PostMapping("/journeys/{journeyId}/call-now")
  public ResponseEntity<Map<String, String>> callNow(
      @PathVariable String journeyId,
      @RequestBody(required = false) AgentBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return answered(journeyId, journeys.callNow(validId(journeyId), action(body, idempotencyKey)));
  }

  @PostMapping("/journeys/{journeyId}/hand-back")
  public ResponseEntity<Map<String, String>> handBack(
      @PathVariable String journeyId,
      @RequestBody(required = false) AgentBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return answered(journeyId, journeys.handBack(validId(journeyId), action(body, idempotencyKey)));
  }

  /** 202 when the journey took the action in; 409 with its reason when there was nothing to do. */
  public static ResponseEntity<Map<String, String>> answered(
      String journeyId, ActionAnswer answer) {
    if (!answer.accepted()) {
      throw new ApiProblem(HttpStatus.CONFLICT, answer.detail());
    }
    return ResponseEntity.accepted()
        .body(Map.of("journeyId", journeyId, "status", answer.detail()));
  }

  private static AgentAction action(AgentBody body, String idempotencyKey) {
    String agent =
        body == null || body.agent() == null || body.agent().isBlank()
            ? "an operator (journey API)"
            : body.agent().strip();
    String requestId =
        "api:"
            + (idempotencyKey != null && !idempotencyKey.isBlank()
                ? idempotencyKey
                : UUID.randomUUID());
    return new AgentAction(
        requestId, agent, "api", body != null && Boolean.TRUE.equals(body.outsideCallingHours()));
  }

  /** The reason a journey gave for refusing an update. */
  public static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof io.temporal.failure.ApplicationFailure app
        ? app.getOriginalMessage()
        : cause.getMessage();
  }

  private static String validId(String journeyId) {
    if (!JourneyIds.isJourneyId(journeyId)) {
      throw ApiProblem.badRequest(
          "not a journey id: " + journeyId + " (journey ids start with journey-)");
    }
    return journeyId;
  }
}
