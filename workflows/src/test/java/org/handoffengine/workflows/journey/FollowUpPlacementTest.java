package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handoffengine.workflows.journey.JourneyHarness.PHONE;
import static org.handoffengine.workflows.journey.JourneyHarness.inboundCall;
import static org.handoffengine.workflows.journey.JourneyHarness.message;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Placing a follow-up call while Vapi is down: the retries end with the calling window, and what
 * the customer or an agent does meanwhile is heard at once. Time skipping; the journey's first call
 * is due on Tuesday 2026-11-24 at 09:00 in New York.
 */
class FollowUpPlacementTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant DUE = Instant.parse("2026-11-24T14:00:00Z");

  private final JourneyHarness harness = new JourneyHarness();
  private final List<Instant> attempts = new ArrayList<>();
  private final List<Instant> placed = new ArrayList<>();

  @AfterEach
  void close() {
    harness.close();
  }

  /** Vapi answers 503 until {@code until}; then it places the call. */
  private void vapiDownUntil(Instant until) {
    when(harness.vapi.placeFollowUpCall(any()))
        .thenAnswer(
            call -> {
              Instant now = Instant.ofEpochMilli(harness.env.currentTimeMillis());
              attempts.add(now);
              if (now.isBefore(until)) {
                throw ApplicationFailure.newFailure(
                    "Vapi answered 503: Service Unavailable", "PlatformUnavailable");
              }
              placed.add(now);
              return new PlacedCall("out-" + placed.size(), false);
            });
  }

  private JourneyWorkflow start() {
    JourneySettings base = JourneyHarness.settings();
    // Backoff that grows to 30 minutes, as a long outage sees it.
    JourneySettings settings =
        new JourneySettings(
            base.chatwoot(),
            base.followUp(),
            base.escalation(),
            new PlatformRetry(
                Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofSeconds(10)),
            base.continueAsNewAfterEvents(),
            base.searchAttributes(),
            base.bot());
    return harness.callEnded(JourneyHarness.JOURNEY_ID, PHONE, inboundCall("call-1"), settings);
  }

  @Test
  void aPlacementStillRetryingWhenTheWindowClosesMovesToTheNextWindow() {
    vapiDownUntil(Instant.parse("2026-11-25T01:00:00Z")); // 20:00 in New York, after calling hours
    start();

    harness.pass(Duration.ofHours(24).plusHours(8)); // to 17:00 on Tuesday: still down
    assertThat(placed).isEmpty();
    harness.pass(Duration.ofHours(17)); // past Wednesday 09:00

    assertThat(attempts)
        .isNotEmpty()
        .allSatisfy(
            at ->
                assertThat(insideCallingHours(at))
                    .as("attempt at %s", at.atZone(NEW_YORK))
                    .isTrue());
    assertThat(placed)
        .singleElement()
        .satisfies(
            at -> {
              assertThat(at)
                  .isAfterOrEqualTo(Instant.parse("2026-11-25T14:00:00Z")); // Wednesday 09:00
              assertThat(at).isBefore(Instant.parse("2026-11-25T14:05:00Z"));
            });
    JourneyView state = harness.journey().state();
    assertThat(state.stage()).isEqualTo(JourneyStage.FOLLOW_UP_CALL_IN_PROGRESS);
    assertThat(state.followUp().attemptsMade()).isEqualTo(1);
  }

  @Test
  void aCustomerReplyWhileThePlacementRetriesCancelsItAndIsHeardAtOnce() {
    vapiDownUntil(Instant.MAX);
    start();
    harness.pass(Duration.ofHours(25)); // Tuesday 10:00, Vapi still down
    assertThat(attempts).isNotEmpty();

    harness.journey().customerReplied(message(9401, "no need to call, thanks"));
    harness.pass(Duration.ofSeconds(5));

    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.CUSTOMER_REPLIED);
    int attemptsSoFar = attempts.size();
    harness.pass(Duration.ofHours(6));
    assertThat(attempts).hasSize(attemptsSoFar); // cancelled: Vapi is not asked again
    assertThat(placed).isEmpty();
  }

  @Test
  void anEscalationWhileThePlacementRetriesHandsOverAtOnce() {
    vapiDownUntil(Instant.MAX);
    start();
    harness.pass(Duration.ofHours(25));
    verify(harness.chatwoot, never()).handOver(any());

    harness.journey().escalate(new EscalationRequest("api:1", "api", "VIP"));
    harness.pass(Duration.ofSeconds(5));

    verify(harness.chatwoot, times(1)).handOver(any());
    assertThat(harness.journey().state().stage()).isEqualTo(JourneyStage.ESCALATED);
  }

  private static boolean insideCallingHours(Instant at) {
    LocalTime local = at.atZone(NEW_YORK).toLocalTime();
    return !local.isBefore(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(18, 0));
  }
}
