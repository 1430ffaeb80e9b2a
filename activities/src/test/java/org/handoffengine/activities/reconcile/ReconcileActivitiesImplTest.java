package org.handoffengine.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.activities.PlatformClients;
import org.handoffengine.activities.vapi.CallPages;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.VapiSandbox;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.CallReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.client.RestClient;

/** The reconciler's read of Vapi's call list, with pages small enough to count. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileActivitiesImplTest {

  private final VapiSandbox vapi = (VapiSandbox) new VapiSandbox("vapi-key").start();
  private final VapiApi api =
      PlatformClients.create(
          VapiApi.class,
          RestClient.builder(),
          "Vapi",
          vapi.baseUrl(),
          "Authorization",
          "Bearer vapi-key",
          Duration.ofSeconds(5));
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Instant from = now.minus(Duration.ofHours(1));

  @BeforeEach
  void reset() {
    vapi.reset();
  }

  @AfterAll
  void stop() {
    vapi.close();
  }

  @Test
  void callsCreatedInTheInstantOfAPageBoundaryAreEachReadOnce() {
    List<String> ids = new ArrayList<>();
    ids.add(endedMinutesAgo(10, "+14155550101"));
    ids.add(endedMinutesAgo(20, "+14155550102"));
    // Three calls created in one instant: the first page (of four) ends on two of them.
    for (int i = 0; i < 3; i++) {
      ids.add(endedMinutesAgo(30, "+1415555011" + i));
    }
    ids.add(endedMinutesAgo(40, "+14155550103"));
    ids.add(endedMinutesAgo(50, "+14155550104"));

    List<CallReport> ended = reconciler(4, 5).endedCalls(from, now);

    assertThat(ended).extracting(CallReport::callId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(vapi.requests("GET", "/call"))
        .extracting(r -> r.query().get("createdAtLe"))
        .containsExactly(
            null,
            now.minus(Duration.ofMinutes(30)).minusSeconds(180).toString(),
            now.minus(Duration.ofMinutes(40)).minusSeconds(180).toString());
  }

  @Test
  void everyPageItAsksForMatchesVapisPublishedSpec() {
    OpenApiContract spec = SharedContracts.assumeVapi();
    for (int i = 0; i < 5; i++) {
      endedMinutesAgo(10 + i, "+1415555020" + i);
    }

    reconciler(2, 5).endedCalls(from, now);

    assertThat(vapi.requests("GET", "/call")).hasSizeGreaterThan(1);
    for (RecordedRequest request : vapi.requests()) {
      assertThat(spec.validateRequest(request))
          .as(request.method() + " " + request.query())
          .isEmpty();
    }
  }

  @Test
  void moreCallsThanItMayPageThroughFailThePassRatherThanMissSome() {
    for (int i = 0; i < 5; i++) {
      endedMinutesAgo(10 + i, "+1415555010" + i);
    }

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> reconciler(2, 2).endedCalls(from, now));

    assertThat(failure.getType()).isEqualTo(ReconcileActivitiesImpl.INCOMPLETE);
    assertThat(failure.isNonRetryable()).as("a retry reads the same window").isTrue();
    assertThat(failure)
        .hasMessageContaining("2 full pages of 2 calls")
        .hasMessageContaining("next pass looks again");
    assertThat(vapi.requests("GET", "/call")).hasSize(2);
  }

  @Test
  void moreThanAPageOfCallsCreatedInOneInstantFailThePassAtOnce() {
    for (int i = 0; i < 3; i++) {
      endedMinutesAgo(10, "+1415555010" + i);
    }

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> reconciler(2, 5).endedCalls(from, now));

    assertThat(failure.getType()).isEqualTo(ReconcileActivitiesImpl.INCOMPLETE);
    assertThat(failure).hasMessageContaining("more than a page (2) of calls created at");
    assertThat(vapi.requests("GET", "/call")).hasSize(2);
  }

  private ReconcileActivitiesImpl reconciler(int page, int maxPages) {
    return new ReconcileActivitiesImpl(new CallPages(api, page, maxPages), null, null, "US");
  }

  /** An ended inbound call the sandbox says was created three minutes before it ended. */
  private String endedMinutesAgo(int minutes, String customerNumber) {
    return vapi.addEndedInboundCall(
            customerNumber,
            "Caller",
            "customer-ended-call",
            "summary",
            "transcript",
            now.minus(Duration.ofMinutes(minutes)))
        .get("id")
        .asString();
  }
}
