package org.handoffengine.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.net.ConnectException;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class PlatformFailuresTest {

  private final PlatformFailures failures = new PlatformFailures("Chatwoot", Clock.systemUTC());

  /**
   * A real server shows a retrying activity's last failure only when it is under 4 KB; thrown from
   * deep inside an HTTP client, a stack trace alone passes that. The failures say it all in their
   * message instead.
   */
  @Test
  void failuresThrownDeepInTheHttpClientStaySmallEnoughForTheServerToKeepWhole() {
    Failure unreachable =
        asTemporalSees(
            () ->
                failures.fromIo(
                    "POST",
                    "/api/v1/accounts/1/contacts",
                    new ConnectException("Connection refused")),
            120);
    Failure unavailable =
        asTemporalSees(
            () ->
                failures.fromResponse(
                    HttpStatus.SERVICE_UNAVAILABLE, new HttpHeaders(), "busy".getBytes()),
            120);

    for (Failure failure : new Failure[] {unreachable, unavailable}) {
      assertThat(failure.getStackTrace()).isEmpty();
      assertThat(failure.getSerializedSize()).isLessThan(2048);
    }
    assertThat(unreachable.getMessage())
        .contains(
            "Chatwoot could not be reached (POST /api/v1/accounts/1/contacts)",
            "Connection refused");
    assertThat(unreachable.getApplicationFailureInfo().getType())
        .isEqualTo(PlatformFailures.UNREACHABLE);
  }

  /**
   * Chatwoot's rack-attack throttle: 429, {@code text/plain} "Retry later", no {@code Retry-After}.
   * Retryable, and with no delay of its own, so the activity's retry policy backs off.
   */
  @Test
  void aThrottleAnswerWithoutRetryAfterIsRetriedOnTheActivitysOwnBackoff() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.TEXT_PLAIN);

    ApplicationFailure throttled =
        failures.fromResponse(HttpStatus.TOO_MANY_REQUESTS, headers, "Retry later\n".getBytes());

    assertThat(throttled.isNonRetryable()).isFalse();
    assertThat(throttled.getType()).isEqualTo(PlatformFailures.UNAVAILABLE);
    assertThat(throttled.getNextRetryDelay())
        .as("no delay of its own: the retry policy's backoff applies")
        .isNull();
    assertThat(throttled.getOriginalMessage()).isEqualTo("Chatwoot answered 429: Retry later");
  }

  private static Failure asTemporalSees(Supplier<RuntimeException> failure, int depth) {
    return DefaultDataConverter.STANDARD_INSTANCE.exceptionToFailure(deep(failure, depth));
  }

  private static RuntimeException deep(Supplier<RuntimeException> failure, int depth) {
    return depth == 0 ? failure.get() : deep(failure, depth - 1);
  }
}
