package org.handoffengine.activities.http;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final String platform;
  private final Clock clock;

  public PlatformFailures(String platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  public ApplicationFailure fromResponse(HttpStatusCode status, HttpHeaders headers, byte[] body) {
    String answer = platform + " answered " + status.value() + describe(body);
    if (isRetryable(status)) {
      Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
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
    return withoutStackTrace(
        ApplicationFailure.newFailureWithCause(
            platform + " could not be reached (" + method + " " + path + "): " + cause,
            UNREACHABLE,
            null));
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
