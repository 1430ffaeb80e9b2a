package org.handoffengine.activities.http;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Classifies every platform call where it happens, so activity code reads as the happy path: a
 * refused connection or a timeout becomes a retryable Temporal failure, an error status the failure
 * {@link PlatformFailures} chooses.
 */
public final class PlatformErrorInterceptor implements ClientHttpRequestInterceptor {

  private final PlatformFailures failures;

  public PlatformErrorInterceptor(PlatformFailures failures) {
    this.failures = failures;
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
    ClientHttpResponse response;
    try {
      response = execution.execute(request, body);
    } catch (IOException e) {
      throw failures.fromIo(request.getMethod().name(), request.getURI().getPath(), e);
    }
    try {
      if (response.getStatusCode().isError()) {
        try (response) {
          throw failures.fromResponse(
              request.getMethod().name(),
              request.getURI().getPath(),
              response.getStatusCode(),
              response.getHeaders(),
              response.getBody().readAllBytes());
        }
      }
      return response;
    } catch (IOException e) {
      response.close();
      throw failures.fromIo(request.getMethod().name(), request.getURI().getPath(), e);
    }
  }
}
