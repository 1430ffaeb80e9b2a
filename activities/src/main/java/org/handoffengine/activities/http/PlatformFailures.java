package org.handoffengine.activities.http;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLHandshakeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Turns a platform's HTTP answer into the failure Temporal should see. Refusals that a retry cannot
 * fix are non-retryable and say what the platform answered; everything transient is retryable, with
 * the platform's {@code Retry-After} as the next delay when it gave one.
 *
 * <p>These failures carry no stack trace: the message names the platform, the request and the
 * answer, which is all an operator needs, and a stack trace thrown from inside the HTTP client is
 * some 60 frames of it. A real Temporal server keeps a retrying activity's last failure only up to
 * 4 KB ({@code limit.mutableStateActivityFailureSizeLimitError}); above that the pending activity
 * shows "Failure exceeds size limit." instead of why it is retrying, in the UI and in describe.
 */
public final class PlatformFailures {

  /**
   * Failure types. A refusal is raised non-retryable here, so activity options need no list of
   * non-retryable types; the journey shows it as NEEDS_ATTENTION (see the workflow's Refusals).
   */
  public static final String REJECTED = "PlatformRejected";

  public static final String UNAVAILABLE = "PlatformUnavailable";
  public static final String UNREACHABLE = "PlatformUnreachable";

  /** A write was sent and no answer came: it may still take effect. */
  public static final String ANSWER_LOST = "PlatformAnswerLost";

  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final String platform;
  private final Clock clock;
  private final Duration settle;

  /**
   * {@code requestTimeout}: how long one call waits for its answer; a write left without one is
   * given at least as long again to land before the next attempt looks for it.
   */
  public PlatformFailures(String platform, Clock clock, Duration requestTimeout) {
    this.platform = platform;
    this.clock = clock;
    this.settle = requestTimeout;
  }

  public ApplicationFailure fromResponse(
      String method, String path, HttpStatusCode status, HttpHeaders headers, byte[] body) {
    String answer = platform + " answered " + status.value() + describe(body);
    if (isRetryable(status)) {
      Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
      if (status.value() == 504 && isWrite(method)) {
        // A gateway gave up waiting; the platform behind it may still be writing.
        return answerLost(
            platform + " answered 504 to " + method + " " + path + describe(body), retryAfter);
      }
      return withoutStackTrace(
          ApplicationFailure.newBuilder()
              .setMessage(answer)
              .setType(UNAVAILABLE)
              .setNextRetryDelay(retryAfter)
              .build());
    }
    return withoutStackTrace(ApplicationFailure.newNonRetryableFailure(answer, REJECTED));
  }

  public ApplicationFailure fromIo(String method, String path, IOException cause) {
    if (isWrite(method) && mayHaveArrived(cause)) {
      return answerLost(platform + " did not answer " + method + " " + path + ": " + cause, null);
    }
    return withoutStackTrace(
        ApplicationFailure.newFailureWithCause(
            platform + " could not be reached (" + method + " " + path + "): " + cause,
            UNREACHABLE,
            null));
  }

  /**
   * Every write looks first for what an earlier attempt wrote, and that look only works once the
   * earlier write has landed. A platform that was still working on it when the client gave up (a
   * slow Chatwoot under a burst) would have it land after a prompt retry had looked and written
   * again: so the retry waits at least as long as the answer was waited for.
   */
  private ApplicationFailure answerLost(String what, Duration retryAfter) {
    // Never sooner than the policy's own backoff, so a platform that keeps losing answers still
    // gets longer and longer pauses; never sooner than a Retry-After either.
    Duration wait =
        longest(
            settle,
            longest(
                retryAfter, ActivityAttempt.current().map(ActivityAttempt::backoff).orElse(null)));
    return withoutStackTrace(
        ApplicationFailure.newBuilder()
            .setMessage(
                what
                    + "; the write may still take effect, so the next attempt looks for it after "
                    + wait)
            .setType(ANSWER_LOST)
            .setNextRetryDelay(wait)
            .build());
  }

  private static Duration longest(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean isWrite(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /**
   * False when the request never left: no connection, no route, no such host, no TLS session. A
   * connect that hangs ends as {@link HttpConnectTimeoutException}, since {@link
   * org.handoffengine.activities.PlatformClients} gives the connect less time than the answer.
   */
  private static boolean mayHaveArrived(IOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof HttpConnectTimeoutException
          || cause instanceof NoRouteToHostException
          || cause instanceof UnknownHostException
          || cause instanceof SSLHandshakeException) {
        return false;
      }
    }
    return true;
  }

  private static ApplicationFailure withoutStackTrace(ApplicationFailure failure) {
    failure.setStackTrace(new StackTraceElement[0]);
    return failure;
  }

  /** 408 (request timeout), 425, 429 (rate limited) and every 5xx may succeed later. */
  static boolean isRetryable(HttpStatusCode status) {
    int code = status.value();
    return code == 408 || code == 425 || code == 429 || status.is5xxServerError();
  }

  /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static String describe(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.length() > MAX_BODY_IN_MESSAGE) {
      text = text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
    return ": " + text;
  }
}
