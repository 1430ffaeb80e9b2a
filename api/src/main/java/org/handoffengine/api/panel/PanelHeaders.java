package org.handoffengine.api.panel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.handoffengine.api.web.RequestPaths;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer under the panel's path: never cached (it shows customers' journeys, and its URL
 * carries a credential), framed only by Chatwoot, talking only to the engine, and sending no
 * Referer that would carry the credential elsewhere.
 */
@Component
public class PanelHeaders extends OncePerRequestFilter {

  private final String policy;

  public PanelHeaders(PanelOrigin origin) {
    this.policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors "
            + origin.value();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = RequestPaths.of(request); // as its controller is matched: /chatwoot;x/panel too
    return !(path.equals(PanelController.PATH) || path.startsWith(PanelController.PATH + "/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }
}
