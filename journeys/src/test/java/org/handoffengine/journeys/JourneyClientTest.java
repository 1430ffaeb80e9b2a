package org.handoffengine.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.policy.BotPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which journey a call belongs to, answered once, and the ringing path's query deadline. */
class JourneyClientTest {

  private static final String PHONE = "+14155550123";
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
      new RouteProperties.Route("sales", List.of("pn-sales"), List.of(), 2L, 17L, null, null);

  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    temporal.close();
  }

  private JourneyClient journeys(RouteProperties.UnmappedCalls unmapped) {
    WorkflowClient client = temporal.getWorkflowClient();
    JourneyRoutes routes =
        new JourneyRoutes(
            BoundSettings.bind("handoff", JourneyProperties.class),
            new RouteProperties(List.of(SALES), unmapped),
            PLATFORMS,
            new TemporalSettings(false, true, null));
    // No id key: plain-number ids, so no lookup of journeys started before hashed ids.
    return new JourneyClient(
        client, routes, new CustomerJourneys(client, new PrivacyProperties(null, true), false));
  }

  private static CallReport report(String callId, String phone, String phoneNumberId) {
    return new CallReport(
        callId,
        "inbound",
        phone,
        null,
        "customer-ended-call",
        "summary",
        "transcript",
        Instant.parse("2026-11-24T10:00:00Z"),
        Instant.parse("2026-11-24T10:04:00Z"),
        0.1,
        null,
        phoneNumberId,
        null,
        false);
  }

  @Test
  void aCallerWithoutANumberHasOneJourneyKeyedByTheCallOnItsRouteForTheReportAndTheLiveMessages() {
    JourneyClient journeys = journeys(null);

    CallerJourney live =
        journeys
            .callerOf(new JourneyClient.Call("c-9", null, null, "pn-sales", null))
            .orElseThrow();
    CallerJourney ended = journeys.callerOf(report("c-9", null, "pn-sales"), null);

    assertThat(live.journeyId()).isEqualTo(JourneyIds.forAnonymousCall("sales", "c-9"));
    assertThat(ended.journeyId()).isEqualTo(live.journeyId());
    assertThat(live.loggableId()).isEqualTo(live.journeyId());
    assertThat(live.phone()).isNull();
    assertThat(live.route().route()).isEqualTo("sales");
  }

  @Test
  void aCallerWithANumberHasTheCustomersJourneyOnTheRouteTheCallTook() {
    JourneyClient journeys = journeys(null);

    CallerJourney live =
        journeys
            .callerOf(new JourneyClient.Call("c-1", PHONE, null, "pn-sales", null))
            .orElseThrow();
    CallerJourney ended = journeys.callerOf(report("c-2", PHONE, "pn-other"), null);

    assertThat(live.journeyId()).isEqualTo(JourneyIds.legacyForCustomer("sales", PHONE));
    assertThat(ended.journeyId())
        .as("the default route")
        .isEqualTo(JourneyIds.legacyForCustomer(null, PHONE));
    assertThat(ended.route().route()).isNull();
  }

  @Test
  void theJourneyTheEngineNamedInTheCallsMetadataWinsAndNamesTheRoute() {
    JourneyClient journeys = journeys(null);
    String named = JourneyIds.legacyForCustomer("sales", PHONE);

    CallerJourney live =
        journeys
            .callerOf(new JourneyClient.Call("c-3", null, named, "pn-other", null))
            .orElseThrow();

    assertThat(live.journeyId()).isEqualTo(named);
    assertThat(live.route().route()).isEqualTo("sales");
    assertThat(journeys.callerOf(report("c-3", PHONE, "pn-other"), named).journeyId())
        .isEqualTo(named);
  }

  @Test
  void aCallNoRouteTakesHasNoJourneyAndAMessageNamingNoCallerHasNone() {
    JourneyClient refusing = journeys(RouteProperties.UnmappedCalls.REFUSE);

    assertThat(refusing.callerOf(new JourneyClient.Call("c-4", PHONE, null, "pn-other", null)))
        .isEmpty();
    assertThatThrownBy(() -> refusing.callerOf(report("c-4", PHONE, "pn-other"), null))
        .isInstanceOf(JourneyClient.UnroutedCall.class)
        .hasMessageContaining("no handoff.routes entry maps");
    assertThat(journeys(null).callerOf(new JourneyClient.Call(null, null, null, "pn-sales", null)))
        .isEmpty();
  }

  @Test
  void aQueryNoWorkerAnswersIsGivenUpAtItsDeadline() {
    JourneyClient journeys = journeys(null);
    String journeyId = JourneyIds.legacyForCustomer(null, PHONE);
    // A journey no worker runs: its query waits on the server for an answer that never comes.
    temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(
            "JourneyWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(journeyId)
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .build())
        .start();

    long started = System.nanoTime();
    var state = journeys.stateWithin(journeyId, Duration.ofMillis(700));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(state).isEmpty();
    assertThat(took)
        .as("waited for the deadline, and no longer")
        .isBetween(Duration.ofMillis(600), Duration.ofMillis(1500));
    assertThat(
            journeys.stateWithin(
                JourneyIds.legacyForCustomer(null, "+14155550124"), Duration.ofMillis(700)))
        .as("no such journey")
        .isEmpty();
  }
}
