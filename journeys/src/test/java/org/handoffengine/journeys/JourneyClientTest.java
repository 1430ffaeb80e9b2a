package org.handoffengine.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.converter.EncodedValues;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.DynamicUpdateHandler;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.handoffengine.workflows.journey.AgentAction;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.EscalationAnswer;
import org.handoffengine.workflows.journey.EscalationRequest;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.handoffengine.workflows.policy.BotPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

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

  /**
   * Short, so a test of an update no worker takes in fails fast on a client that never gives up.
   */
  private static final Duration UPDATE_DEADLINE = Duration.ofMillis(700);

  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    temporal.close();
  }

  private JourneyClient journeys(RouteProperties.UnmappedCalls unmapped) {
    return journeys(temporal.getWorkflowClient(), unmapped, Clock.systemUTC());
  }

  private JourneyClient journeys(
      WorkflowClient client, RouteProperties.UnmappedCalls unmapped, Clock clock) {
    JourneyRoutes routes =
        new JourneyRoutes(
            BoundSettings.bind("handoff", JourneyProperties.class),
            new RouteProperties(List.of(SALES), unmapped),
            PLATFORMS,
            new TemporalSettings(false, true, null, null));
    // No id key: plain-number ids, so no lookup of journeys started before hashed ids.
    return new JourneyClient(
        client,
        routes,
        new CustomerJourneys(client, new PrivacyProperties(null, true), false),
        UPDATE_DEADLINE,
        clock);
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
  void aNameInTheCallsMetadataTheEngineNeverIssuesIsRoutedAsAnUnnamedCall() {
    JourneyClient journeys = journeys(null);
    String madeUp = "journey-made-up";

    CallerJourney live =
        journeys
            .callerOf(new JourneyClient.Call("c-6", PHONE, madeUp, "pn-sales", null))
            .orElseThrow();

    assertThat(live.journeyId()).isNotEqualTo(madeUp);
    assertThat(live.route().route()).isEqualTo("sales");
    assertThat(journeys.callerOf(report("c-6", PHONE, "pn-sales"), madeUp).journeyId())
        .isEqualTo(live.journeyId());
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

  /**
   * A server that does not know the attributes yet (registered seconds ago, or by no worker yet)
   * refuses a start that carries them, as {@code temporal server start-dev} does when it keeps its
   * caches: "Namespace default has no mapping defined for search attribute …". The report still
   * starts its journey, without them, and starts after a while carry them again once the server
   * knows them.
   */
  @Test
  void journeysStartWithoutTheAttributesTheServerRefusesAndWithThemOnceItKnowsThem() {
    JourneySearchAttributes.ALL.forEach(
        (name, type) ->
            temporal.registerSearchAttribute(
                name, IndexedValueType.valueOf("INDEXED_VALUE_TYPE_" + type)));
    AttributesUnknownAtFirst server = new AttributesUnknownAtFirst();
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T12:00:00Z"));
    WorkflowClient client =
        WorkflowClient.newInstance(
            temporal.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder(temporal.getWorkflowClient().getOptions())
                .setInterceptors(server)
                .build());
    JourneyClient journeys = journeys(client, null, new MovableClock(now));

    String refused = start(journeys, "c-1", "+14155550101");
    server.known = true;
    String stillWithout = start(journeys, "c-2", "+14155550102");
    now.set(now.get().plus(JourneyClient.ATTRIBUTES_REFUSED_FOR));
    String withThem = start(journeys, "c-3", "+14155550103");

    assertThat(server.refusals).hasValue(1);
    assertThat(attributesAtStart(refused)).as("refused, so started without").isEmpty();
    assertThat(attributesAtStart(stillWithout)).as("within the wait").isEmpty();
    assertThat(attributesAtStart(withThem))
        .as("after the wait")
        .contains("HandoffStage", "HandoffEscalated");
  }

  /** Refuses starts that carry search attributes until {@link #known}, as a server's cache does. */
  private static final class AttributesUnknownAtFirst extends WorkflowClientInterceptorBase {
    volatile boolean known;
    final AtomicInteger refusals = new AtomicInteger();

    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
        WorkflowClientCallsInterceptor next) {
      return new WorkflowClientCallsInterceptorBase(next) {
        @Override
        public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
          var attributes = input.getWorkflowStartInput().getOptions().getTypedSearchAttributes();
          if (!known && attributes != null && attributes.size() > 0) {
            refusals.incrementAndGet();
            throw new StatusRuntimeException(
                Status.INVALID_ARGUMENT.withDescription(
                    "Namespace default has no mapping defined for search attribute HandoffStage"));
          }
          return super.signalWithStart(input);
        }
      };
    }
  }

  /** The api role's clock, moved by the test. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(AtomicReference<Instant> now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private static String start(JourneyClient journeys, String callId, String phone) {
    CallReport report = report(callId, phone, "pn-sales");
    return journeys.callEnded(journeys.callerOf(report, null), report);
  }

  private Set<String> attributesAtStart(String journeyId) {
    return temporal
        .getWorkflowClient()
        .fetchHistory(journeyId)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getSearchAttributes()
        .getIndexedFieldsMap()
        .keySet();
  }

  @Test
  void aQueryNoWorkerAnswersIsGivenUpAtItsDeadline() {
    JourneyClient journeys = journeys(null);
    String journeyId = JourneyIds.legacyForCustomer(null, PHONE);
    // A journey no worker runs: its query waits on the server for an answer that never comes.
    startWithoutWorker(journeyId);

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

  /**
   * A journey whose worker is down or backlogged: no one takes its updates in. Each update gives up
   * at the update deadline with the SDK's update timeout, a {@link WorkflowServiceException}, which
   * the webhooks and the journey API answer 503 with {@code Retry-After}, instead of asking the
   * server again for as long as the worker stays away.
   */
  @Test
  void anUpdateNoWorkerTakesInIsGivenUpAtTheUpdateDeadline() {
    JourneyClient journeys = journeys(null);
    String journeyId = JourneyIds.legacyForCustomer(null, PHONE);
    startWithoutWorker(journeyId);
    AgentAction action = new AgentAction("r-1", "Sam Ortiz", "test");

    assertGivenUpAtTheDeadline(() -> journeys.stopFollowUps(journeyId, action));
    assertGivenUpAtTheDeadline(() -> journeys.callNow(journeyId, action));
    assertGivenUpAtTheDeadline(() -> journeys.handBack(journeyId, action));
    assertGivenUpAtTheDeadline(
        () -> journeys.escalate(journeyId, new EscalationRequest("e-1", "api", "asked")));
  }

  /** The Vapi escalate tool's update-with-start: the journey starts, and no worker takes it in. */
  @Test
  void anEscalationWithStartNoWorkerTakesInIsGivenUpAtTheUpdateDeadline() {
    JourneySearchAttributes.ALL.forEach(
        (name, type) ->
            temporal.registerSearchAttribute(
                name, IndexedValueType.valueOf("INDEXED_VALUE_TYPE_" + type)));
    JourneyClient journeys = journeys(null);
    CallerJourney caller =
        journeys
            .callerOf(new JourneyClient.Call("c-5", PHONE, null, "pn-sales", null))
            .orElseThrow();

    assertGivenUpAtTheDeadline(
        () ->
            journeys.escalateNow(caller, new EscalationRequest("vapi-tool:t-1", "vapi", "asked")));
  }

  /**
   * A journey that took the escalation in (it is in its history) but is still handing over at the
   * deadline: the answer is that the request is queued, which is true, not that it failed.
   */
  @Test
  void anEscalationTakenInButNotAnsweredByTheDeadlineIsQueued() {
    temporal.newWorker(JourneyIds.TASK_QUEUE).registerWorkflowImplementationTypes(Handing.class);
    temporal.start();
    JourneyClient journeys = journeys(null);
    String journeyId = JourneyIds.legacyForCustomer(null, PHONE);
    startWithoutWorker(journeyId);

    EscalationAnswer answer =
        assertTimeoutPreemptively(
            UPDATE_DEADLINE.plusSeconds(5),
            () -> journeys.escalate(journeyId, new EscalationRequest("e-2", "api", "asked")));

    assertThat(answer.outcome()).isEqualTo(EscalationAnswer.Outcome.QUEUED);
  }

  /** Takes every update in and never answers it, as a hand-over that is still going on. */
  public static class Handing implements DynamicWorkflow {
    @Override
    public Object execute(EncodedValues args) {
      Workflow.registerListener(
          (DynamicUpdateHandler)
              (name, updateArgs) -> {
                Workflow.await(() -> false);
                return null;
              });
      Workflow.await(() -> false);
      return null;
    }
  }

  private void startWithoutWorker(String journeyId) {
    temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(
            "JourneyWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(journeyId)
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .build())
        .start();
  }

  /** Fails (rather than hangs) when the client waits on past the deadline. */
  private static void assertGivenUpAtTheDeadline(ThrowingSupplier<?> update) {
    long started = System.nanoTime();
    assertTimeoutPreemptively(
        UPDATE_DEADLINE.plusSeconds(5),
        () ->
            assertThatThrownBy(update::get)
                .isInstanceOf(WorkflowServiceException.class)
                .isInstanceOf(WorkflowUpdateTimeoutOrCancelledException.class));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("waited for the deadline, and not much longer")
        .isBetween(UPDATE_DEADLINE.minusMillis(100), UPDATE_DEADLINE.plusSeconds(2));
  }
}
