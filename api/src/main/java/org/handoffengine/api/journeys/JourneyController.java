package org.handoffengine.api.journeys;

import java.util.Map;
import java.util.UUID;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.worker.JourneyProperties;
import org.handoffengine.workflows.journey.CustomerPhone;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneyState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The engine's own API: read a journey, find a customer's, escalate, retry refused writes. */
@RestController
public class JourneyController {

  private final JourneyClient journeys;
  private final String defaultRegion;

  public JourneyController(JourneyClient journeys, JourneyProperties properties) {
    this.journeys = journeys;
    this.defaultRegion = properties.journey().defaultRegion();
  }

  @GetMapping("/journeys/{journeyId}")
  public JourneyState journey(@PathVariable String journeyId) {
    return journeys.state(validId(journeyId));
  }

  /** The embedded server has no visibility store: a customer's journey is found by its derived id. */
  @GetMapping("/journeys")
  public JourneyState byPhone(@RequestParam(required = false) String phone, @RequestParam(required = false) String route) {
    if (phone == null || phone.isBlank()) {
      throw ApiProblem.badRequest("query parameter phone is required, e.g. /journeys?phone=%2B14155550123");
    }
    String e164 =
        CustomerPhone.normalise(phone, defaultRegion)
            .orElseThrow(() -> ApiProblem.badRequest("phone is not a phone number: " + phone));
    if (route != null && !JourneyIds.isRouteName(route)) {
      throw ApiProblem.badRequest("route is not a route name (lowercase letters and digits): " + route);
    }
    return journeys.state(JourneyIds.forCustomer(route, e164));
  }

  public record EscalationBody(String reason) {}

  @PostMapping("/journeys/{journeyId}/escalate")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> escalate(
      @PathVariable String journeyId,
      @RequestBody(required = false) EscalationBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    String reason = body == null || body.reason() == null || body.reason().isBlank() ? "requested through the API" : body.reason();
    String eventId = "api:" + (idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey : UUID.randomUUID());
    journeys.escalate(validId(journeyId), new EscalationRequest(eventId, "api", reason));
    return Map.of("journeyId", journeyId, "status", "escalation requested");
  }

  @PostMapping("/journeys/{journeyId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> retry(@PathVariable String journeyId) {
    journeys.retry(validId(journeyId));
    return Map.of("journeyId", journeyId, "status", "retry requested");
  }

  private static String validId(String journeyId) {
    if (!JourneyIds.isJourneyId(journeyId)) {
      throw ApiProblem.badRequest("not a journey id: " + journeyId + " (journey ids start with journey-)");
    }
    return journeyId;
  }
}
