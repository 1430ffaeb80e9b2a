package org.handoffengine.journeys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handoffengine.workflows.policy.CallOutcome;
import org.handoffengine.workflows.policy.FollowUpAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How journeys behave: {@code handoff.follow-up.*}, {@code handoff.escalation.*}, {@code handoff.retry.*}, {@code handoff.journey.*}. */
@Validated
@ConfigurationProperties("handoff")
public record JourneyProperties(
    @Valid @NotNull FollowUp followUp,
    @Valid @NotNull Escalation escalation,
    @Valid @NotNull Retry retry,
    @Valid @NotNull Journey journey) {

  public JourneyProperties {
    followUp = followUp == null ? new FollowUp(null, null, null, null, null, null, null) : followUp;
    escalation = escalation == null ? new Escalation(null, null, null, null, null) : escalation;
    retry = retry == null ? new Retry(null, null, null) : retry;
    journey = journey == null ? new Journey(0, null) : journey;
  }

  /**
   * @param attempts delays between follow-up calls; the last is how long to wait after the final
   *     call before giving up
   * @param callingHours local hours in which calls may be placed, e.g. "09:00-18:00"
   * @param zone the zone of calling hours when the customer's own is unknown
   */
  public record FollowUp(
      Boolean enabled,
      Duration quietPeriod,
      List<Duration> attempts,
      @NotBlank String callingHours,
      @NotBlank String zone,
      Duration reportTimeout,
      Map<CallOutcome, FollowUpAction> onOutcome) {
    public FollowUp {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      quietPeriod = quietPeriod == null ? Duration.ofHours(24) : quietPeriod;
      attempts = attempts == null ? List.of(Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)) : List.copyOf(attempts);
      callingHours = callingHours == null ? "09:00-18:00" : callingHours;
      zone = zone == null ? "UTC" : zone;
      reportTimeout = reportTimeout == null ? Duration.ofHours(2) : reportTimeout;
      onOutcome = onOutcome == null ? Map.of() : Map.copyOf(onOutcome);
    }
  }

  /**
   * @param teamId Chatwoot team assigned on escalation (preferred)
   * @param agentId Chatwoot agent assigned when no team is set
   * @param phrases words in a customer message that ask for a person
   * @param transferNumber human line (E.164 number or sip: URI) Vapi transfers callers to
   */
  public record Escalation(Long teamId, Long agentId, String label, List<String> phrases, String transferNumber) {
    public Escalation {
      label = label == null || label.isBlank() ? "escalated" : label;
      phrases = phrases == null ? List.of("agent", "human", "representative") : List.copyOf(phrases);
    }
  }

  public record Retry(Duration initialInterval, Duration maximumInterval, Duration attemptTimeout) {
    public Retry {
      initialInterval = initialInterval == null ? Duration.ofSeconds(1) : initialInterval;
      maximumInterval = maximumInterval == null ? Duration.ofMinutes(5) : maximumInterval;
      attemptTimeout = attemptTimeout == null ? Duration.ofSeconds(30) : attemptTimeout;
    }
  }

  /**
   * @param continueAsNewAfterEvents history length after which a journey continues as new
   * @param defaultRegion region for caller numbers without a country code (ISO 3166, e.g. "US")
   */
  public record Journey(@Min(100) int continueAsNewAfterEvents, String defaultRegion) {
    public Journey {
      continueAsNewAfterEvents = continueAsNewAfterEvents == 0 ? 2_000 : continueAsNewAfterEvents;
      defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
    }
  }
}
