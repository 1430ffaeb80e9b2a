package org.handoffengine.journeys.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.journey.JourneyInput;
import org.junit.jupiter.api.Test;

class PayloadEncryptionTest {

  private static final String PHONE = "+14155550123";
  private static final String TRANSCRIPT =
      "AI: How can I help? User: my router keeps dropping the connection";
  private static final CallReport REPORT =
      new CallReport(
          "call-7f3a",
          "inbound",
          PHONE,
          "Dana Whitfield",
          "customer-ended-call",
          "Router drops connection",
          TRANSCRIPT,
          Instant.parse("2026-11-24T10:00:00Z"),
          Instant.parse("2026-11-24T10:04:00Z"),
          0.12,
          "https://storage.vapi.ai/rec.wav",
          "pn-1",
          "as-1",
          false);

  @Test
  void aJourneyPayloadIsStoredAsCiphertextAndDecodesBack() {
    DataConverter converter =
        converter(new EncryptionProperties("2026-11", Map.of("2026-11", key(1))));

    Payload stored = converter.toPayload(REPORT).orElseThrow();

    String bytes = new String(stored.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(bytes)
        .doesNotContain(
            PHONE, "4155550123", "router keeps dropping", "Dana Whitfield", "call-7f3a");
    assertThat(stored.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(stored.getMetadataMap().get("encryption-key-id").toStringUtf8())
        .isEqualTo("2026-11");
    assertThat(converter.fromPayload(stored, CallReport.class, CallReport.class)).isEqualTo(REPORT);

    JourneyInput input = new JourneyInput("journey-" + PHONE, PHONE, null, null);
    var payloads = converter.toPayloads(input).orElseThrow();
    assertThat(payloads.toString()).doesNotContain(PHONE);
    assertThat(
            converter.fromPayloads(
                0, java.util.Optional.of(payloads), JourneyInput.class, JourneyInput.class))
        .isEqualTo(input);
  }

  @Test
  void payloadsWrittenWithARetiredKeyStillDecodeAfterRotation() {
    Payload old =
        converter(new EncryptionProperties("old", Map.of("old", key(1))))
            .toPayload(REPORT)
            .orElseThrow();

    DataConverter rotated =
        converter(new EncryptionProperties("new", Map.of("old", key(1), "new", key(2))));

    assertThat(rotated.fromPayload(old, CallReport.class, CallReport.class)).isEqualTo(REPORT);
    assertThat(
            rotated
                .toPayload(REPORT)
                .orElseThrow()
                .getMetadataMap()
                .get("encryption-key-id")
                .toStringUtf8())
        .isEqualTo("new");
  }

  @Test
  void aPayloadWhoseKeyWasDroppedFailsNamingTheKeyId() {
    Payload old =
        new PayloadEncryption(new EncryptionProperties("old", Map.of("old", key(1))))
            .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload(REPORT).orElseThrow()))
            .get(0);

    PayloadEncryption withoutOld =
        new PayloadEncryption(new EncryptionProperties("new", Map.of("new", key(2))));

    assertThatThrownBy(() -> withoutOld.decode(List.of(old)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("'old'");
  }

  @Test
  void tamperedCiphertextIsRefused() {
    PayloadEncryption encryption =
        new PayloadEncryption(new EncryptionProperties("k", Map.of("k", key(1))));
    Payload sealed =
        encryption
            .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload(REPORT).orElseThrow()))
            .get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered =
        sealed.toBuilder().setData(com.google.protobuf.ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> encryption.decode(List.of(tampered)))
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void settingsThatCannotWorkAreNamed() {
    assertThatThrownBy(
            () -> new PayloadEncryption(new EncryptionProperties("missing", Map.of("k", key(1)))))
        .hasMessageContaining("handoff.encryption.key-id is missing");
    assertThatThrownBy(
            () -> new PayloadEncryption(new EncryptionProperties("k", Map.of("k", "c2hvcnQ="))))
        .hasMessageContaining("handoff.encryption.keys.k holds 5 bytes");
  }

  @Test
  void withoutAKeyIdPayloadsStayPlainJson() {
    PayloadEncryption off = new PayloadEncryption(new EncryptionProperties(null, Map.of()));
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(REPORT).orElseThrow();

    assertThat(off.encode(List.of(plain))).containsExactly(plain);
  }

  private static DataConverter converter(EncryptionProperties properties) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(),
        List.of(new PayloadEncryption(properties)),
        true);
  }

  static String key(int seed) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) seed);
    return Base64.getEncoder().encodeToString(key);
  }
}
