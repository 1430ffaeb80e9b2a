package org.handoffengine.journeys.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the engine names a customer's journey, without Temporal. */
class CustomerJourneysTest {

  private static final String KEY = "test-privacy-id-key-0123456789abcdef";
  private static final String PHONE = "+14155550123";

  @Test
  void encryptedPayloadsNeedAnIdKeyAndTheMessageNamesTheVariableNotTheKey() {
    assertThatThrownBy(() -> new CustomerJourneys(null, new PrivacyProperties(null, null), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HANDOFF_PRIVACY_ID_KEY");
    assertThatThrownBy(() -> new CustomerJourneys(null, new PrivacyProperties("too short", null), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too short: an id key needs at least 32 characters");
    assertThat(new PrivacyProperties(KEY, null).toString()).doesNotContain(KEY);
  }

  @Test
  void withAKeyJourneysAreNamedByItsHashAndLegacyIdsAreLoggedHashed() {
    CustomerJourneys customers = new CustomerJourneys(null, new PrivacyProperties(KEY, false), true);

    assertThat(customers.hashed()).isTrue();
    assertThat(customers.newId(null, PHONE)).isEqualTo("journey-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(customers.newId("sales", PHONE)).isEqualTo("journey-sales-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(customers.journeyOf("sales", PHONE)).as("no legacy lookups: no Temporal call").isEqualTo(customers.newId("sales", PHONE));
    assertThat(customers.candidateIds(null, PHONE)).containsExactly(customers.newId(null, PHONE));
    assertThat(customers.loggable("journey-sales-+14155550123")).isEqualTo(customers.newId("sales", PHONE));
    assertThat(customers.loggable("journey-call-abc")).isEqualTo("journey-call-abc");
    assertThat(customers.loggable("journey-NOT-+14155550123")).doesNotContain("4155550123");
  }

  @Test
  void withoutKeyOrEncryptionJourneysKeepPlainNumberIds() {
    CustomerJourneys customers = new CustomerJourneys(null, new PrivacyProperties(null, null), false);

    assertThat(customers.hashed()).isFalse();
    assertThat(customers.newId(null, PHONE)).isEqualTo("journey-+14155550123");
    assertThat(customers.journeyOf(null, PHONE)).isEqualTo("journey-+14155550123");
    assertThat(customers.keyOf(PHONE)).isEqualTo(PHONE);
  }
}
