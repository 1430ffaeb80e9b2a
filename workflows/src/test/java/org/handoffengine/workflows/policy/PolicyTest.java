package org.handoffengine.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final CallingWindow nineToSix = CallingWindow.parse("09:00-18:00");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // UTC instant due,        first open instant (New York 09:00-18:00)
    "2026-11-24T15:00:00Z, 2026-11-24T15:00:00Z", // 10:00 local: open
    "2026-11-24T14:00:00Z, 2026-11-24T14:00:00Z", // 09:00 local: opens now
    "2026-11-24T23:00:00Z, 2026-11-25T14:00:00Z", // 18:00 local: closed, next morning
    "2026-11-25T04:00:00Z, 2026-11-25T14:00:00Z", // 23:00 local: next morning
    "2026-11-24T12:00:00Z, 2026-11-24T14:00:00Z", // 07:00 local: later the same day
  })
  void callingWindowMovesDueTimesIntoLocalHours(String due, String expected) {
    assertThat(nineToSix.firstOpenAtOrAfter(Instant.parse(due), NEW_YORK))
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void callingWindowKeepsLocalHoursAcrossADaylightSavingChange() {
    // 2026-03-08: New York moves from UTC-5 to UTC-4; 09:00 local is 13:00 UTC that day.
    assertThat(nineToSix.firstOpenAtOrAfter(Instant.parse("2026-03-08T03:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
  }

  @Test
  void badCallingHoursAreRefused() {
    assertThatThrownBy(() -> CallingWindow.parse("18:00-09:00"))
        .hasMessageContaining("must close after it opens");
    assertThatThrownBy(() -> CallingWindow.parse("9 to 5")).hasMessageContaining("09:00-18:00");
  }

  @Test
  void followUpsAreDueAfterTheQuietPeriodThenAfterEachDelay() {
    FollowUpPolicy policy =
        new FollowUpPolicy(
            true,
            Duration.ofHours(24),
            List.of(Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)),
            CallingWindow.ALWAYS,
            "UTC",
            Duration.ofHours(2),
            null,
            "a",
            "p");
    Instant quiet = Instant.parse("2026-11-23T14:00:00Z");
    Instant first = quiet.plus(Duration.ofHours(24));

    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.nextDueAt(quiet, 0, null, ZoneId.of("UTC"))).isEqualTo(first);
    assertThat(policy.nextDueAt(quiet, 1, first, ZoneId.of("UTC")))
        .isEqualTo(first.plus(Duration.ofHours(24)));
    assertThat(policy.nextDueAt(quiet, 2, first, ZoneId.of("UTC")))
        .isEqualTo(first.plus(Duration.ofHours(48)));
    assertThat(policy.nextDueAt(quiet, 3, first, ZoneId.of("UTC")))
        .as("giving up")
        .isEqualTo(first.plus(Duration.ofHours(72)));
  }

  @Test
  void outcomeRulesDefaultToRetryingNoContactAndStoppingAfterAConversation() {
    FollowUpPolicy policy =
        new FollowUpPolicy(
            true,
            Duration.ofHours(1),
            List.of(),
            CallingWindow.ALWAYS,
            "UTC",
            Duration.ofHours(1),
            Map.of(CallOutcome.VOICEMAIL, FollowUpAction.ESCALATE),
            null,
            null);

    assertThat(policy.actionAfter(CallOutcome.NO_ANSWER)).isEqualTo(FollowUpAction.RETRY);
    assertThat(policy.actionAfter(CallOutcome.ANSWERED)).isEqualTo(FollowUpAction.STOP);
    assertThat(policy.actionAfter(CallOutcome.VOICEMAIL)).isEqualTo(FollowUpAction.ESCALATE);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
    "customer-did-not-answer, false, NO_ANSWER",
    "customer-busy, false, BUSY",
    "voicemail, false, VOICEMAIL",
    "customer-ended-call, false, ANSWERED",
    "customer-ended-call, true, DECLINED",
    "vonage-rejected, false, DECLINED",
    "assistant-forwarded-call, false, TRANSFERRED",
    "twilio-failed-to-connect-call, false, FAILED",
    "call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable, false, NO_ANSWER",
    "pipeline-error-openai-llm-failed, false, FAILED",
  })
  void endedReasonsAreClassifiedBySet(String endedReason, boolean doNotCall, CallOutcome expected) {
    assertThat(CallOutcome.of(endedReason, doNotCall)).isEqualTo(expected);
  }

  @Test
  void escalationPhrasesMatchWholeWordsOnly() {
    EscalationPolicy policy =
        new EscalationPolicy(null, null, "escalated", List.of("agent", "human", "representative"));

    assertThat(policy.asksForAPerson("Can I talk to a HUMAN please?")).isTrue();
    assertThat(policy.asksForAPerson("agent!")).isTrue();
    assertThat(policy.asksForAPerson("my travel agents booked it")).isFalse();
    assertThat(policy.asksForAPerson("thanks")).isFalse();
    assertThat(policy.asksForAPerson(null)).isFalse();
  }
}
