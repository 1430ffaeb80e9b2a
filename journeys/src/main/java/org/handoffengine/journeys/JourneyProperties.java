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
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How journeys behave: {@code handoff.follow-up.*}, {@code handoff.escalation.*}, {@code
 * handoff.retry.*}, {@code handoff.journey.*}.
 */
@Validated
@ConfigurationProperties("handoff")
public record JourneyProperties(
    @Valid @NotNull @DefaultValue FollowUp followUp,
    @Valid @NotNull @DefaultValue Escalation escalation,
    @Valid @NotNull @DefaultValue Retry retry,
    @Valid @NotNull @DefaultValue Journey journey) {

  /**
   * @param enabled place follow-up calls to quiet customers
   * @param quietPeriod how long a customer may stay quiet before the first follow-up call
   * @param attempts delay after each follow-up call before the next; the last is how long to wait
   *     after the final call before giving up
   * @param callingHours local hours in which calls may be placed, e.g. {@code 09:00-18:00}
   * @param zone time zone of the calling hours when the customer's is unknown
   * @param reportTimeout after this long without an end-of-call report for a placed call, the
   *     engine asks Vapi for the call
   * @param onOutcome {@code handoff.follow-up.on-outcome.<outcome>}: {@code retry}, {@code stop} or
   *     {@code escalate} after a follow-up call ends {@code answered}, {@code no_answer}, {@code
   *     busy}, {@code voicemail}, {@code transferred}, {@code failed}; by default {@code answered}
   *     and {@code transferred} stop and the others retry. A customer who declines is never called
   *     again, whatever the rules say
   */
  public record FollowUp(
      @DefaultValue("true") Boolean enabled,
      @DefaultValue("PT24H") Duration quietPeriod,
      @DefaultValue({"PT24H", "PT48H", "PT72H"}) List<Duration> attempts,
      @NotBlank @DefaultValue("09:00-18:00") String callingHours,
      @NotBlank @DefaultValue("UTC") String zone,
      @DefaultValue("PT2H") Duration reportTimeout,
      Map<CallOutcome, FollowUpAction> onOutcome) {
    public FollowUp {
      attempts = List.copyOf(attempts);
      onOutcome = onOutcome == null ? Map.of() : Map.copyOf(onOutcome);
    }
  }

  /**
   * @param teamId Chatwoot team an escalated conversation is assigned to
   * @param agentId Chatwoot agent assigned when no team is set
   * @param label label added on escalation; blank takes the default
   * @param phrases words in a customer message that ask for a person
   * @param transferNumber human line (E.164 number or {@code sip:} URI) for escalated callers and
   *     transfer requests
   */
  public record Escalation(
      Long teamId,
      Long agentId,
      @DefaultValue(Escalation.DEFAULT_LABEL) String label,
      @DefaultValue({"agent", "human", "representative"}) List<String> phrases,
      String transferNumber) {

    static final String DEFAULT_LABEL = "escalated";

    public Escalation {
      // An empty environment variable binds as blank, not as unset.
      label = label == null || label.isBlank() ? DEFAULT_LABEL : label;
      phrases = List.copyOf(phrases);
    }
  }

  /**
   * @param initialInterval first retry delay of a failed platform call (doubles each time)
   * @param maximumInterval longest retry delay; retries never give up
   * @param attemptTimeout how long one activity attempt may take; at least twice {@code
   *     handoff.chatwoot.timeout} and twice {@code handoff.vapi.timeout}, plus a second (checked at
   *     start-up), because an attempt starts a Chatwoot write or places a Vapi call only if it can
   *     finish before its retry could look for it
   */
  public record Retry(
      @DefaultValue("PT1S") Duration initialInterval,
      @DefaultValue("PT5M") Duration maximumInterval,
      @DefaultValue("PT30S") Duration attemptTimeout) {}

  /**
   * @param continueAsNewAfterEvents history length after which a journey continues as new
   * @param defaultRegion region for caller numbers without a country code (ISO 3166, e.g. {@code
   *     US}); blank takes the default
   */
  public record Journey(
      @Min(100) @DefaultValue("2000") int continueAsNewAfterEvents,
      @DefaultValue(Journey.DEFAULT_REGION) String defaultRegion) {

    static final String DEFAULT_REGION = "US";

    public Journey {
      defaultRegion =
          defaultRegion == null || defaultRegion.isBlank() ? DEFAULT_REGION : defaultRegion;
    }
  }
}
