package org.handoffengine.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Authenticates a platform's webhook deliveries ahead of binding: the raw body is read once, the
 * platform's credential checked over it, and only then does the request reach the controller, which
 * binds the same bytes. A refusal is the problem document {@link ProblemResponses} would write.
 * What was authenticated travels as the request attribute {@link #AUTHENTICATED}; the controllers
 * require it, so a request this filter did not pass is never taken.
 */
public abstract class WebhookAuthenticationFilter extends OncePerRequestFilter {

  public static final String AUTHENTICATED =
      "org.handoffengine.api.web.WebhookAuthenticationFilter.AUTHENTICATED";

  private final ObjectMapper json;

  protected WebhookAuthenticationFilter(ObjectMapper json) {
    this.json = json;
  }

  /**
   * What the delivery to {@code path} ({@link RequestPaths#of the path Spring MVC matches}) claims
   * to be (the platform, an account), or null when this filter does not guard the path.
   */
  protected abstract Object target(String path);

  /**
   * @throws ApiProblem when the delivery's credential does not hold
   */
  protected abstract void authenticate(Object target, HttpServletRequest request, byte[] body);

  /** Called with every refusal, before it is answered. */
  protected void refused(Object target, HttpServletRequest request, ApiProblem problem) {}

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || target(RequestPaths.of(request)) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object target = target(RequestPaths.of(request));
    CachedBodyRequest cached = CachedBodyRequest.of(request);
    try {
      authenticate(target, cached, cached.body());
    } catch (ApiProblem problem) {
      refused(target, cached, problem);
      refuse(cached, response, problem);
      return;
    }
    cached.setAttribute(AUTHENTICATED, target);
    chain.doFilter(cached, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
      throws IOException {
    response.setStatus(problem.status().value());
    if (problem.status() == HttpStatus.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    ProblemDetail body = ProblemResponses.problem(problem.status(), problem.getMessage());
    // As Spring MVC fills it in for the problems its controllers answer.
    body.setInstance(URI.create(request.getRequestURI()));
    json.writeValue(response.getOutputStream(), body);
  }
}
