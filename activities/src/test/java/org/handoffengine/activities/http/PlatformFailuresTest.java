package org.handoffengine.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class PlatformFailuresTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final PlatformFailures failures =
      new PlatformFailures("Chatwoot", Clock.systemUTC(), TIMEOUT);

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
                    "POST",
                    "/api/v1/accounts/1/contacts",
                    HttpStatus.SERVICE_UNAVAILABLE,
                    new HttpHeaders(),
                    "busy".getBytes()),
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
        failures.fromResponse(
            "GET",
            "/api/v1/accounts/1/contacts/search",
            HttpStatus.TOO_MANY_REQUESTS,
            headers,
            "Retry later\n".getBytes());

    assertThat(throttled.isNonRetryable()).isFalse();
    assertThat(throttled.getType()).isEqualTo(PlatformFailures.UNAVAILABLE);
    assertThat(throttled.getNextRetryDelay())
        .as("no delay of its own: the retry policy's backoff applies")
        .isNull();
    assertThat(throttled.getOriginalMessage()).isEqualTo("Chatwoot answered 429: Retry later");
  }

  /**
   * A write sent without an answer may still land; a prompt retry would look before it did and
   * write a second one. So its retry waits as long as the answer was waited for.
   */
  @Test
  void aWriteThatGotNoAnswerIsLookedForAgainOnlyAfterItHadTimeToLand() {
    String conversations = "/api/v1/accounts/1/conversations";
    ApplicationFailure timedOut =
        failures.fromIo("POST", conversations, new HttpTimeoutException("request timed out"));
    ApplicationFailure gatewayGaveUp =
        failures.fromResponse(
            "POST", conversations, HttpStatus.GATEWAY_TIMEOUT, new HttpHeaders(), new byte[0]);

    for (ApplicationFailure lost : List.of(timedOut, gatewayGaveUp)) {
      assertThat(lost.isNonRetryable()).isFalse();
      assertThat(lost.getType()).isEqualTo(PlatformFailures.ANSWER_LOST);
      assertThat(lost.getNextRetryDelay()).isEqualTo(TIMEOUT);
      assertThat(lost.getOriginalMessage())
          .contains("POST " + conversations, "the next attempt looks for it after PT10S");
    }
  }

  /** What never reached the platform, and what changes nothing there, is retried on the policy. */
  @Test
  void aRequestThatNeverLeftOrAReadIsRetriedOnThePolicysBackoff() {
    String path = "/api/v1/accounts/1/conversations";
    List<ApplicationFailure> prompt =
        List.of(
            failures.fromIo("POST", path, new ConnectException("Connection refused")),
            failures.fromIo(
                "POST", path, new IOException("wrapped", new ConnectException("refused"))),
            failures.fromIo("POST", path, new HttpConnectTimeoutException("connect timed out")),
            failures.fromIo("GET", path, new HttpTimeoutException("request timed out")),
            failures.fromResponse(
                "GET", path, HttpStatus.GATEWAY_TIMEOUT, new HttpHeaders(), new byte[0]));

    for (ApplicationFailure failure : prompt) {
      assertThat(failure.getType()).isNotEqualTo(PlatformFailures.ANSWER_LOST);
      assertThat(failure.getNextRetryDelay()).isNull();
    }
  }

  private static Failure asTemporalSees(Supplier<RuntimeException> failure, int depth) {
    return DefaultDataConverter.STANDARD_INSTANCE.exceptionToFailure(deep(failure, depth));
  }

  private static RuntimeException deep(Supplier<RuntimeException> failure, int depth) {
    return depth == 0 ? failure.get() : deep(failure, depth - 1);
  }
}
