package org.handoffengine.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.ConnectException;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.junit.jupiter.api.Test;

class PlatformFailuresTest {

  private final PlatformFailures failures = new PlatformFailures("Chatwoot", Clock.systemUTC());

  /**
   * A real server shows a retrying activity's last failure only when it is under 4 KB; thrown from
   * deep inside an HTTP client, a stack trace alone passes that. The failures say it all in their
   * message instead.
   */
  @Test
  void failuresThrownDeepInTheHttpClientStaySmallEnoughForTheServerToKeepWhole() {
    Failure unreachable = asTemporalSees(() -> failures.fromIo("POST", "/api/v1/accounts/1/contacts", new ConnectException("Connection refused")), 120);
    Failure unavailable = asTemporalSees(() -> failures.fromResponse(HttpStatus.SERVICE_UNAVAILABLE, new HttpHeaders(), "busy".getBytes()), 120);

    for (Failure failure : new Failure[] {unreachable, unavailable}) {
      assertThat(failure.getStackTrace()).isEmpty();
      assertThat(failure.getSerializedSize()).isLessThan(2048);
    }
    assertThat(unreachable.getMessage()).contains("Chatwoot could not be reached (POST /api/v1/accounts/1/contacts)", "Connection refused");
    assertThat(unreachable.getApplicationFailureInfo().getType()).isEqualTo(PlatformFailures.UNREACHABLE);
  }

  private static Failure asTemporalSees(Supplier<RuntimeException> failure, int depth) {
    return DefaultDataConverter.STANDARD_INSTANCE.exceptionToFailure(deep(failure, depth));
  }

  private static RuntimeException deep(Supplier<RuntimeException> failure, int depth) {
    return depth == 0 ? failure.get() : deep(failure, depth - 1);
  }
}
