package org.handoffengine.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * The journey API and the codec endpoint answer only to {@code Authorization: Bearer
 * <handoff.api.token>}: both reveal customers' data. Paths other than the journey API's come as
 * {@link TokenProtectedPaths} from the features that serve them. Both decide on {@link
 * RequestPaths#of the path the dispatcher matches}, not on the raw URI.
 */
@Component
public class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiProperties properties;
  private final List<TokenProtectedPaths> protectedPaths;
  private final ObjectMapper json;

  public ApiTokenFilter(
      ApiProperties properties, List<TokenProtectedPaths> protectedPaths, ObjectMapper json) {
    this.properties = properties;
    this.protectedPaths = List.copyOf(protectedPaths);
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // The path the controllers are matched on: /journeys;x and /%6aourneys are the journey API.
    String path = RequestPaths.of(request);
    boolean journeys = path.equals("/journeys") || path.startsWith("/journeys/");
    return !(journeys || protectedPaths.stream().anyMatch(paths -> paths.protects(path)));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (Secrets.matches(token, properties.token())) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(),
        ProblemResponses.problem(
            HttpStatus.UNAUTHORIZED,
            token == null
                ? "this endpoint needs Authorization: Bearer <handoff.api.token>"
                : "the API token is wrong"));
  }
}
