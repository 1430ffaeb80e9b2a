package org.handoffengine.activities.vapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.handoffengine.activities.PlatformClients;
import org.handoffengine.platforms.vapi.VapiCall;
import org.handoffengine.sandbox.VapiSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.client.RestClient;

/** The look for an earlier attempt's call, with pages small enough to count. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarlierCallTest {

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
  private final Instant since = Instant.now().minusSeconds(60);

  @BeforeEach
  void reset() {
    vapi.reset();
  }

  @AfterAll
  void stop() {
    vapi.close();
  }

  @Test
  void pagesBackPastNewerCallsToTheEarlierAttempts() {
    String placed = placeWithKey("attempt-1");
    for (int i = 0; i < 5; i++) {
      vapi.addOutboundCall("asst-1", "pn-1", "+1415555010" + i);
    }
    // Newer calls of another assistant and from another number are not the engine's: not read.
    vapi.addOutboundCall("asst-2", "pn-1", "+14155550199");
    vapi.addOutboundCall("asst-1", "pn-2", "+14155550199");

    assertThat(new EarlierCall(api, 3, 5).find("asst-1", "pn-1", "attempt-1", since))
        .contains(placed);
    assertThat(vapi.requests("GET", "/call"))
        .extracting(r -> r.query().get("limit"))
        .containsExactly("3", "3", "3");
  }

  @Test
  void findsNothingOnceThePagesReachTheStartOfTheWindow() {
    placeWithKey("attempt-1");
    for (int i = 0; i < 5; i++) {
      vapi.addOutboundCall("asst-1", "pn-1", "+1415555010" + i);
    }

    assertThat(new EarlierCall(api, 3, 5).find("asst-1", "pn-1", "attempt-2", since)).isEmpty();
  }

  @Test
  void moreCallsThanItMayPageThroughFailRetryablyRatherThanRiskASecondCall() {
    placeWithKey("attempt-1");
    for (int i = 0; i < 5; i++) {
      vapi.addOutboundCall("asst-1", "pn-1", "+1415555010" + i);
    }

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new EarlierCall(api, 3, 2).find("asst-1", "pn-1", "attempt-1", since));

    assertThat(failure.getType()).isEqualTo(EarlierCall.INCOMPLETE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure).hasMessageContaining("not dialling");
    assertThat(vapi.requests("GET", "/call")).hasSize(2);
  }

  private String placeWithKey(String attemptKey) {
    VapiCall call =
        api.createCall(
            new CreateCall(
                "Handoff follow-up 1",
                "asst-1",
                "pn-1",
                new CreateCall.Customer("+14155550123", null),
                new CreateCall.AssistantOverrides(
                    Map.of(), Map.of(VapiCall.ATTEMPT_KEY, attemptKey))));
    return call.id();
  }
}
