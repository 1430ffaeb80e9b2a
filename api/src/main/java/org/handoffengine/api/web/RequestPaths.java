package org.handoffengine.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The path a request names as Spring MVC's handler mappings match it: within the application, each
 * segment percent-decoded, and {@code ;} parameters dropped. The raw {@link
 * HttpServletRequest#getRequestURI()} is not that path: {@code /journeys;x} and {@code /%6aourneys}
 * both reach the journey API. A filter that decides who may reach a controller by the path decides
 * on this one.
 */
public final class RequestPaths {

  private static final String ATTRIBUTE = RequestPaths.class.getName();

  /** The path decoded from a URI, kept on the request. */
  private record Decoded(String uri, String path) {}

  private RequestPaths() {}

  /**
   * The path within the application as the dispatcher matches it, segments joined by {@code /};
   * when the URI cannot be decoded (the dispatcher refuses it too), the raw path.
   */
  public static String of(HttpServletRequest request) {
    // Every filter of a request asks: decoded once, kept on the request for the URI it came from
    // (a forward or error dispatch names another).
    String uri = request.getRequestURI();
    if (request.getAttribute(ATTRIBUTE) instanceof Decoded decoded && decoded.uri().equals(uri)) {
      return decoded.path();
    }
    String path = decode(request, uri);
    request.setAttribute(ATTRIBUTE, new Decoded(uri, path));
    return path;
  }

  private static String decode(HttpServletRequest request, String uri) {
    String contextPath = request.getContextPath();
    try {
      PathContainer path = RequestPath.parse(uri, contextPath).pathWithinApplication();
      StringBuilder matched = new StringBuilder(uri.length());
      for (PathContainer.Element element : path.elements()) {
        matched.append(
            element instanceof PathContainer.PathSegment segment
                ? segment.valueToMatch()
                : element.value());
      }
      return matched.toString();
    } catch (IllegalArgumentException undecodable) {
      return uri.substring(Math.min(contextPath.length(), uri.length()));
    }
  }
}
