package org.handoffengine.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Boot's: what the servlet container sends there (an error no handler
 * answered, a {@code sendError} from a filter) is answered as the same problem document {@link
 * ProblemResponses} writes, whatever the request's {@code Accept} (no Whitelabel HTML), naming no
 * internals.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    ProblemDetail problem =
        ProblemResponses.problem(
            status,
            switch (status) {
              case NOT_FOUND -> ProblemResponses.NOTHING_HERE;
              case INTERNAL_SERVER_ERROR -> ProblemResponses.UNEXPECTED;
              default -> status.getReasonPhrase().toLowerCase(Locale.ROOT);
            });
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(new URI(uri));
      } catch (URISyntaxException notAUri) {
        // Spring fills in the error page's own path
      }
    }
    return ResponseEntity.status(status).body(problem);
  }

  /** The error's status; asked for directly, the error page is nothing the engine serves. */
  private static HttpStatus status(HttpServletRequest request) {
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
      return HttpStatus.NOT_FOUND;
    }
    HttpStatus status = HttpStatus.resolve(code);
    return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
