package org.handoffengine.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the journey id and call id a request is about into every log line it writes (the JSON logs'
 * {@code journeyId} and {@code callId} fields), so one journey's story can be pulled from the logs
 * of every engine process; the worker side does the same for activities. Cleared after each request
 * so a pooled thread never carries one customer's ids into another's lines. A journey id names the
 * customer by a keyed hash; the id of a journey started before ids were hashed (which holds the
 * number) is logged in its hashed form, as {@link CustomerJourneys#loggable} gives it.
 */
@Component
public class JourneyLogContext extends OncePerRequestFilter {

  public static final String JOURNEY_ID = "journeyId";
  public static final String CALL_ID = "callId";

  private final CustomerJourneys customers;

  public JourneyLogContext(CustomerJourneys customers) {
    this.customers = customers;
  }

  public static void about(String journeyId, String callId) {
    if (journeyId != null) {
      MDC.put(JOURNEY_ID, journeyId);
    }
    if (callId != null) {
      MDC.put(CALL_ID, callId);
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = RequestPaths.of(request);
    if (path.startsWith("/journeys/")) {
      about(customers.loggable(path.substring("/journeys/".length()).split("/", 2)[0]), null);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(JOURNEY_ID);
      MDC.remove(CALL_ID);
    }
  }
}
