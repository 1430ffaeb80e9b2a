package org.handoffengine.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneySettings;
import org.handoffengine.workflows.policy.BotPolicy;
import org.junit.jupiter.api.Test;

class JourneyRoutesTest {

  /** Account 1, inbox 7, Chatwoot's default 10 s and a 5 s Vapi timeout, no first responder. */
  private static final JourneyRoutes.Platforms PLATFORMS =
      new JourneyRoutes.Platforms(
          1L,
          7L,
          Duration.ofSeconds(10),
          "as-main",
          "pn-main",
          Duration.ofSeconds(5),
          BotPolicy.OFF);

  private static final RouteProperties.Route SALES =
      new RouteProperties.Route(
          "sales",
          List.of("pn-sales"),
          List.of("as-sales"),
          2L,
          17L,
          new RouteProperties.FollowUp(null, Duration.ofHours(2), null, "08:00-20:00", null),
          new RouteProperties.Escalation(9L, null, null, "+14155550999"));

  private static JourneyRoutes routes(
      RouteProperties.UnmappedCalls unmapped, RouteProperties.Route... routes) {
    return new JourneyRoutes(
        BoundSettings.bind("handoff", JourneyProperties.class),
        new RouteProperties(List.of(routes), unmapped),
        PLATFORMS,
        new TemporalSettings(false, true, null, null));
  }

  @Test
  void aCallIsRoutedByItsNumberThenByItsAssistantElseToTheDefault() {
    JourneyRoutes routes = routes(null, SALES);

    assertThat(routes.forCall("pn-sales", "as-other").orElseThrow().route()).isEqualTo("sales");
    assertThat(routes.forCall("pn-other", "as-sales").orElseThrow().route()).isEqualTo("sales");
    assertThat(routes.forCall("pn-other", "as-other").orElseThrow().route()).isNull();
  }

  @Test
  void refusingUnmappedCallsLeavesThemWithoutARoute() {
    assertThat(routes(RouteProperties.UnmappedCalls.REFUSE, SALES).forCall("pn-other", null))
        .isEmpty();
  }

  @Test
  void aRouteOverridesWhatItSetsAndInheritsTheRest() {
    JourneySettings sales = routes(null, SALES).forCall("pn-sales", null).orElseThrow().settings();
    JourneySettings main = routes(null, SALES).defaults();

    assertThat(sales.chatwoot())
        .isEqualTo(new JourneySettings.ChatwootRoute(2, 17, "handoff-contacts-2"));
    assertThat(sales.followUp().quietPeriod()).isEqualTo(Duration.ofHours(2));
    assertThat(sales.followUp().attemptDelays()).isEqualTo(main.followUp().attemptDelays());
    assertThat(sales.followUp().assistantId()).isEqualTo("as-sales");
    assertThat(sales.followUp().phoneNumberId()).isEqualTo("pn-sales");
    assertThat(sales.escalation().teamId()).isEqualTo(9L);
    assertThat(sales.escalation().label()).isEqualTo(main.escalation().label());
    assertThat(main.chatwoot())
        .isEqualTo(new JourneySettings.ChatwootRoute(1, 7, "handoff-contacts-1"));
    assertThat(main.followUp().assistantId()).isEqualTo("as-main");
    assertThat(routes(null, SALES).contactTaskQueues())
        .as("one rate-limited contact queue per account")
        .containsExactly("handoff-contacts-1", "handoff-contacts-2");
  }

  @Test
  void aJourneyIdNamesItsRoute() {
    JourneyRoutes routes = routes(null, SALES);

    String key = "489b16a63bbb655a8c4225398c2f7be0";
    assertThat(routes.forJourney(JourneyIds.forCustomerKey("sales", key)).transferNumber())
        .isEqualTo("+14155550999");
    assertThat(
            routes
                .forJourney(JourneyIds.legacyForCustomer("sales", "+14155550123"))
                .transferNumber())
        .isEqualTo("+14155550999");
    assertThat(routes.forJourney(JourneyIds.forAnonymousCall("sales", "c-1")).route())
        .isEqualTo("sales");
    assertThat(routes.forJourney(JourneyIds.forCustomerKey(null, key)).route()).isNull();
    assertThat(routes.forJourney(JourneyIds.legacyForCustomer(null, "+14155550123")).route())
        .isNull();
    assertThat(routes.forJourney(JourneyIds.forAnonymousCall("c-2")).route()).isNull();
    assertThat(JourneyIds.legacyForCustomer("sales", "+14155550123"))
        .isEqualTo("journey-sales-+14155550123");
  }

  @Test
  void anAttemptTimeoutThatLeavesNoRoomForAWriteStopsStartUp() {
    JourneyProperties tight =
        BoundSettings.bind("handoff", JourneyProperties.class, "retry.attempt-timeout", "PT15S");

    assertThatThrownBy(
            () ->
                new JourneyRoutes(
                    tight,
                    new RouteProperties(null, null),
                    PLATFORMS,
                    new TemporalSettings(false, true, null, null)))
        .hasMessageContaining(
            "handoff.retry.attempt-timeout (PT15S) must be at least twice handoff.chatwoot.timeout (PT10S)");
  }

  @Test
  void anAttemptTimeoutWithNoRoomForAVapiCallStopsStartUp() {
    JourneyProperties tight =
        BoundSettings.bind("handoff", JourneyProperties.class, "retry.attempt-timeout", "PT10S");
    JourneyRoutes.Platforms quickChatwoot =
        new JourneyRoutes.Platforms(
            1L,
            7L,
            Duration.ofSeconds(3),
            "as-main",
            "pn-main",
            Duration.ofSeconds(5),
            BotPolicy.OFF);

    assertThatThrownBy(
            () ->
                new JourneyRoutes(
                    tight,
                    new RouteProperties(null, null),
                    quickChatwoot,
                    new TemporalSettings(false, true, null, null)))
        .hasMessageContaining(
            "handoff.retry.attempt-timeout (PT10S) must be at least twice handoff.vapi.timeout (PT5S)");
  }

  @Test
  void aRouteNameUsedTwiceStopsStartUp() {
    assertThatThrownBy(() -> routes(null, SALES, SALES))
        .hasMessageContaining("'sales' is used twice");
  }
}
