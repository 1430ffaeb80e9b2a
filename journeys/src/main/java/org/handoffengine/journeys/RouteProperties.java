package org.handoffengine.journeys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.routes[*]}: one engine serving several teams. A call is routed by the Vapi phone
 * number it came in on, else by its assistant, to a Chatwoot account and inbox with its own
 * follow-up and escalation settings (unset ones take the global {@code handoff.follow-up.*} and
 * {@code handoff.escalation.*}). Calls no route matches take the default route, the top-level
 * {@code handoff.chatwoot.account-id}/{@code inbox-id}, unless {@code
 * handoff.unmapped-calls=refuse}.
 *
 * @param routes per-team routing of calls to Chatwoot accounts and inboxes ({@code
 *     handoff.routes[*].name}, {@code .phone-number-ids}, {@code .assistant-ids}, {@code
 *     .account-id}, {@code .inbox-id}, {@code .follow-up.*}, {@code .escalation.*}), see Several
 *     teams on one engine
 * @param unmappedCalls what a call no route matches gets: {@code default} (the default route) or
 *     {@code refuse}
 */
@Validated
@ConfigurationProperties("handoff")
public record RouteProperties(
    @Valid List<Route> routes, @DefaultValue("default") UnmappedCalls unmappedCalls) {

  public RouteProperties {
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  public enum UnmappedCalls {
    DEFAULT,
    REFUSE
  }

  /**
   * @param name part of the route's journey ids ({@code journey-<name>-<number>}): lowercase
   *     letters and digits; never change it while the route has open journeys
   * @param phoneNumberIds Vapi phone number ids whose calls take this route; the first places the
   *     route's follow-up calls
   * @param assistantIds Vapi assistants whose calls take this route (when the number matched none);
   *     the first places the route's follow-up calls
   */
  public record Route(
      @NotBlank @Pattern(regexp = "[a-z0-9]+") String name,
      List<String> phoneNumberIds,
      List<String> assistantIds,
      @NotNull Long accountId,
      @NotNull Long inboxId,
      FollowUp followUp,
      Escalation escalation) {

    public Route {
      phoneNumberIds = phoneNumberIds == null ? List.of() : List.copyOf(phoneNumberIds);
      assistantIds = assistantIds == null ? List.of() : List.copyOf(assistantIds);
      // No overrides: every follow-up and escalation setting from the global ones.
      followUp = followUp == null ? new FollowUp(null, null, null, null, null) : followUp;
      escalation = escalation == null ? new Escalation(null, null, null, null) : escalation;
    }
  }

  /** Overrides of {@code handoff.follow-up.*}; null takes the global value. */
  public record FollowUp(
      Boolean enabled,
      Duration quietPeriod,
      List<Duration> attempts,
      String callingHours,
      String zone) {}

  /** Overrides of {@code handoff.escalation.*}; null takes the global value. */
  public record Escalation(Long teamId, Long agentId, String label, String transferNumber) {}
}
