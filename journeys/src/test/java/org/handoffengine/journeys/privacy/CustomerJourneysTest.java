package org.handoffengine.journeys.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How the engine names a customer's journey, without Temporal. */
class CustomerJourneysTest {

  private static final String KEY = "test-privacy-id-key-0123456789abcdef";
  private static final String PHONE = "+14155550123";

  @Test
  void encryptedPayloadsNeedAnIdKeyAndTheMessageNamesTheVariableNotTheKey() {
    assertThatThrownBy(() -> new CustomerJourneys(null, new PrivacyProperties(null, true), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HANDOFF_PRIVACY_ID_KEY");
    assertThatThrownBy(
            () -> new CustomerJourneys(null, new PrivacyProperties("too short", true), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too short: an id key needs at least 32 characters");
    assertThat(new PrivacyProperties(KEY, true).toString()).doesNotContain(KEY);
  }

  @Test
  void withAKeyJourneysAreNamedByItsHashAndLegacyIdsAreLoggedHashed() {
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(KEY, false), true);

    assertThat(customers.hashed()).isTrue();
    assertThat(customers.newId(null, PHONE)).isEqualTo("journey-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(customers.newId("sales", PHONE))
        .isEqualTo("journey-sales-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(customers.journeyOf("sales", PHONE))
        .as("no legacy lookups: no Temporal call")
        .isEqualTo(customers.newId("sales", PHONE));
    assertThat(customers.candidateIds(null, PHONE)).containsExactly(customers.newId(null, PHONE));
    assertThat(customers.loggable("journey-sales-+14155550123"))
        .isEqualTo(customers.newId("sales", PHONE));
    assertThat(customers.loggable("journey-call-abc")).isEqualTo("journey-call-abc");
    assertThat(customers.loggable("journey-NOT-+14155550123")).doesNotContain("4155550123");
  }

  @Test
  void aConversationsJourneyAttributeNamesTheRunningJourneyAndNeverAPlainNumberOneWithAKey() {
    CustomerJourneys hashed = new CustomerJourneys(null, new PrivacyProperties(KEY, false), true);
    CustomerJourneys plain = new CustomerJourneys(null, new PrivacyProperties(null, true), false);
    String current = hashed.newId("sales", PHONE);

    assertThat(hashed.journeyNamed(current)).isEqualTo(current);
    assertThat(hashed.journeyNamed("journey-sales-+14155550123"))
        .as("a legacy id, its journey not running (no lookups): the customer's hashed journey")
        .isEqualTo(current);
    assertThat(hashed.journeyNamed("journey-call-abc")).isEqualTo("journey-call-abc");
    assertThat(plain.journeyNamed("journey-sales-+14155550123"))
        .isEqualTo("journey-sales-+14155550123");
    for (String edited : new String[] {"journey-foo", "journey-x-y", "journey-", null}) {
      assertThat(hashed.journeyNamed(edited)).as(edited).isNull();
      assertThat(plain.journeyNamed(edited)).as(edited).isNull();
    }
  }

  @Test
  void aRealServerWithoutEncryptionIsRefusedUnlessPlainNumbersAreAccepted() {
    PrivacyProperties none = new PrivacyProperties(null, true);

    assertThatThrownBy(() -> CustomerJourneys.requireEncryptionOnRealServer(true, false, none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HANDOFF_ENCRYPTION_KEY_ID")
        .hasMessageContaining("HANDOFF_PRIVACY_ID_KEY")
        .hasMessageContaining("HANDOFF_PRIVACY_ALLOW_PLAIN_NUMBERS=true");
    CustomerJourneys.requireEncryptionOnRealServer(false, false, none);
    CustomerJourneys.requireEncryptionOnRealServer(true, true, new PrivacyProperties(KEY, true));
    CustomerJourneys.requireEncryptionOnRealServer(
        true, false, new PrivacyProperties(null, true, true));
  }

  @Test
  void withoutKeyOrEncryptionJourneysKeepPlainNumberIds() {
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(null, true), false);

    assertThat(customers.hashed()).isFalse();
    assertThat(customers.newId(null, PHONE)).isEqualTo("journey-+14155550123");
    assertThat(customers.journeyOf(null, PHONE)).isEqualTo("journey-+14155550123");
    assertThat(customers.keyOf(PHONE)).isEqualTo(PHONE);
  }

  @Test
  void onceTheCensusCountsNoLegacyJourneyRunningLookupsAskTemporalNothing() {
    Census census = new Census(0L);
    // No WorkflowClient: a describe of the legacy id would fail the test.
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(KEY, true), true, census.census);

    assertThat(customers.journeyOf(null, PHONE)).isEqualTo(customers.newId(null, PHONE));
    assertThat(customers.candidateIds("sales", PHONE))
        .containsExactly(customers.newId("sales", PHONE));
    assertThat(customers.legacyLookups()).isFalse();
    assertThat(census.counts.get()).as("one count, not one per lookup").isEqualTo(1);
  }

  @Test
  void whileLegacyJourneysRunLookupsTryTheirIdsAndACountEveryFewMinutesNoticesTheLastOneEnd() {
    Census census = new Census(2L, 0L);
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(KEY, true), true, census.census);

    assertThat(customers.legacyLookups()).isTrue();
    assertThat(customers.candidateIds(null, PHONE))
        .containsExactly(customers.newId(null, PHONE), "journey-+14155550123");
    census.clock.addAndGet(LegacyJourneyCensus.RECOUNT.toNanos() - 1);
    assertThat(customers.legacyLookups()).as("not recounted before it is due").isTrue();
    assertThat(census.counts.get()).isEqualTo(1);

    census.clock.addAndGet(1);
    assertThat(customers.legacyLookups()).isFalse();
    assertThat(customers.journeyOf(null, PHONE)).isEqualTo(customers.newId(null, PHONE));
    assertThat(census.counts.get()).isEqualTo(2);
  }

  @Test
  void aServerThatCannotCountIsNotAskedAgainAndLookupsKeepTryingLegacyIds() {
    Census census = new Census(Status.UNIMPLEMENTED.asRuntimeException());
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(KEY, true), true, census.census);

    assertThat(customers.legacyLookups()).isTrue();
    census.clock.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(customers.candidateIds(null, PHONE)).hasSize(2);
    assertThat(census.counts.get()).isEqualTo(1);
    assertThat(customers.recountLegacyJourneys()).isEmpty();
  }

  @Test
  void aFailedCountKeepsTheLastAnswer() {
    Census census = new Census(0L, Status.UNAVAILABLE.asRuntimeException(), 1L);
    CustomerJourneys customers =
        new CustomerJourneys(null, new PrivacyProperties(KEY, true), true, census.census);

    assertThat(customers.recountLegacyJourneys()).hasValue(0);
    assertThat(customers.recountLegacyJourneys()).isEmpty();
    assertThat(customers.legacyLookups()).as("still none as far as anyone knows").isFalse();
    assertThat(customers.recountLegacyJourneys()).isEqualTo(OptionalLong.of(1));
    assertThat(customers.legacyLookups()).isTrue();
  }

  /**
   * A census over a scripted series of counts (a number, or an exception the server answered), on a
   * hand-moved clock.
   */
  private static final class Census {
    final AtomicInteger counts = new AtomicInteger();
    final AtomicLong clock = new AtomicLong();
    final LegacyJourneyCensus census;

    Census(Object... answers) {
      ArrayDeque<Object> script = new ArrayDeque<>(List.of(answers));
      census =
          new LegacyJourneyCensus(
              () -> {
                counts.incrementAndGet();
                Object answer = script.size() > 1 ? script.poll() : script.peek();
                if (answer instanceof RuntimeException e) {
                  throw e;
                }
                return (Long) answer;
              },
              Runnable::run,
              clock::get,
              LegacyJourneyCensus.RECOUNT);
    }
  }
}
