package org.handoffengine.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PureJourneyPartsTest {

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource({
    "'+14155550123', US, +14155550123",
    "'+1 (415) 555-0123', US, +14155550123",
    "'(415) 555-0123', US, +14155550123",
    "'0014155550123', DE, +14155550123",
    "'+44 20 7946 0958', US, +442079460958",
    "'+55 11 98765-4321', US, +5511987654321",
  })
  void numbersAreNormalisedToE164(String raw, String region, String expected) {
    assertThat(CustomerPhone.normalise(raw, region)).hasValue(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0",
    "0.004",
    "0.005",
    "0.125",
    "0.415",
    "0.4149",
    "1.999",
    "12",
    "1234.5",
    "0.1234567"
  })
  void aCallsCostReadsAsStringFormatWroteIt(double usd) {
    assertThat(JourneyMessages.dollars(usd))
        .isEqualTo(String.format(java.util.Locale.ROOT, "$%.2f", usd));
  }

  @ParameterizedTest
  @CsvSource({"'12'", "'+0 12'", "'not a number'", "'+1 415 555 0123 4567 8901'", "''"})
  void junkIsNotAPhoneNumber(String raw) {
    assertThat(CustomerPhone.normalise(raw, "US")).isEqualTo(Optional.empty());
  }

  @Test
  void journeyIdsDeriveFromPlatformIds() {
    String key = new CustomerKey("test-privacy-id-key-0123456789abcdef").of("+14155550123");
    // What the README's openssl line prints for this key and number.
    assertThat(key).isEqualTo("489b16a63bbb655a8c4225398c2f7be0");
    assertThat(JourneyIds.forCustomerKey(null, key))
        .isEqualTo("journey-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(JourneyIds.forCustomerKey("sales", key))
        .isEqualTo("journey-sales-489b16a63bbb655a8c4225398c2f7be0");
    assertThat(JourneyIds.routeOf(JourneyIds.forCustomerKey(null, key))).isNull();
    assertThat(JourneyIds.routeOf(JourneyIds.forCustomerKey("sales", key))).isEqualTo("sales");
    assertThat(JourneyIds.customerPartOf(JourneyIds.forCustomerKey("sales", key))).isEqualTo(key);
    assertThat(JourneyIds.legacyForCustomer(null, "+14155550123"))
        .isEqualTo("journey-+14155550123");
    assertThat(JourneyIds.customerPartOf("journey-sales-+14155550123")).isEqualTo("+14155550123");
    assertThat(JourneyIds.customerPartOf("journey-sales-call-abc")).isNull();
    assertThat(JourneyIds.forAnonymousCall("abc")).isEqualTo("journey-call-abc");
    assertThatThrownBy(() -> JourneyIds.legacyForCustomer(null, "4155550123"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JourneyIds.forCustomerKey(null, "+14155550123"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CustomerKey("short")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new CustomerKey("another-privacy-id-key-0123456789abcdef").of("+14155550123"))
        .isNotEqualTo(key);
    assertThat(JourneyIds.isJourneyId("journey-")).isFalse();
    assertThat(JourneyIds.isJourneyId("workflow-1")).isFalse();
    assertThat(JourneyIds.isIssued(JourneyIds.forCustomerKey("sales", key))).isTrue();
    assertThat(JourneyIds.isIssued("journey-sales-+14155550123")).isTrue();
    assertThat(JourneyIds.isIssued("journey-sales-call-abc")).isTrue();
    assertThat(JourneyIds.isIssued("journey-call-abc")).isTrue();
    // What an agent could type into a conversation's custom attribute: not ids the engine issues.
    assertThat(JourneyIds.isIssued("journey-foo")).isFalse();
    assertThat(JourneyIds.isIssued("journey-slice-test")).isFalse();
    assertThat(JourneyIds.isIssued("journey-call-")).isFalse();
    assertThat(JourneyIds.isIssued("journey-Sales-+14155550123")).isFalse();
    assertThat(JourneyIds.isIssued("journey-4155550123")).isFalse();
  }

  @Test
  void summaryFallsBackToATranscriptExtractCutAtAWord() {
    String transcript = "AI: Hello. User: " + "my order is late again ".repeat(30);
    CallReport report =
        new CallReport(
            "c",
            "inbound",
            null,
            null,
            "customer-ended-call",
            " ",
            transcript,
            null,
            null,
            null,
            null,
            null,
            null,
            false);

    String summary = CallSummarizer.summarise(report);

    assertThat(summary).startsWith("Transcript extract: AI: Hello. User: my order").endsWith(" …");
    assertThat(summary.length()).isLessThan(CallSummarizer.EXTRACT_LENGTH + 30);
    assertThat(
            CallSummarizer.summarise(
                new CallReport(
                    "c",
                    "web",
                    null,
                    null,
                    "silence-timed-out",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false)))
        .contains("no summary and no transcript", "silence-timed-out");
  }

  @Test
  void overlongTranscriptsAreCutToWhatChatwootAccepts() {
    CallReport report =
        new CallReport(
            "c",
            "inbound",
            null,
            null,
            "customer-ended-call",
            "s",
            "x".repeat(200_000),
            null,
            null,
            null,
            null,
            null,
            null,
            false);

    assertThat(JourneyMessages.forCall(report, "s").get(1).content())
        .hasSizeLessThanOrEqualTo(JourneyMessages.MAX_CONTENT)
        .endsWith("(truncated)");
  }
}
