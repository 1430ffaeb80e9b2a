package org.handoffengine.api.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal as a JSON problem document ({@code application/problem+json}) naming what was
 * wrong, including those Spring MVC raises itself before a controller runs: an unknown path, a
 * wrong method, a body or {@code Accept} it cannot serve. What never reaches the dispatcher's
 * handlers is answered in the same shape by {@link ProblemErrorController}. When Temporal cannot
 * take the work the answer is 503 with {@code Retry-After}: the sender keeps the event and tries
 * again, instead of believing a 2xx for work that was never recorded.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  static final String NOTHING_HERE = "nothing is served at this path";
  static final String UNEXPECTED = "the engine could not process the request; it has been logged";

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
    if (problem.status() == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.body(problem(problem.status(), problem.getMessage()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (e.getCause() instanceof BodyLimitFilter.BodyTooLarge) {
      return answer(
          e,
          headers,
          HttpStatus.CONTENT_TOO_LARGE,
          "request body is larger than the configured limit",
          request);
    }
    return answer(e, headers, HttpStatus.BAD_REQUEST, "request body is not valid JSON", request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return answer(
        e,
        headers,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "send the body as application/json",
        request);
  }

  /** An unknown path: Spring MVC's last resort, the static resources, has nothing there either. */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return answer(e, headers, HttpStatus.NOT_FOUND, NOTHING_HERE, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return answer(e, headers, HttpStatus.NOT_FOUND, NOTHING_HERE, request);
  }

  /**
   * What the framework refuses before a controller runs (wrong method, unacceptable {@code Accept},
   * a missing parameter or header, ...) is answered by {@link ResponseEntityExceptionHandler} with
   * its own detail; here it gets the title every other problem has, and an internal error is logged
   * and names no internals.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
      log.error("Request failed unexpectedly", e);
      body = problem(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED);
    } else if (body instanceof ProblemDetail problem && problem.getTitle() == null) {
      HttpStatus known = HttpStatus.resolve(status.value());
      problem.setTitle(known != null ? known.getReasonPhrase() : null);
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private ResponseEntity<Object> answer(
      Exception e, HttpHeaders headers, HttpStatus status, String detail, WebRequest request) {
    return handleExceptionInternal(e, problem(status, detail), headers, status, request);
  }

  /** A path or query value of the wrong type ({@code /accounts/abc}): the sender's mistake. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    boolean number =
        type != null
            && (Number.class.isAssignableFrom(type) || type == long.class || type == int.class);
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                e.getName() + (number ? " must be a number" : " has the wrong form")));
  }

  @ExceptionHandler(WorkflowNotFoundException.class)
  ResponseEntity<ProblemDetail> noJourney(WorkflowNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, "no journey " + e.getExecution().getWorkflowId()));
  }

  @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
  ResponseEntity<ProblemDetail> temporalUnavailable(RuntimeException e) {
    String reason = grpcStatus(e).map(s -> s.getCode().name()).orElse(e.getClass().getSimpleName());
    log.warn("Temporal did not take the request ({}); answering 503 so the sender retries", reason);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the journey store (Temporal) is unavailable: " + reason + "; retry later"));
  }

  /** Anything unforeseen still answers JSON, and names no internals. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    log.error("Request failed unexpectedly", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED));
  }

  public static ProblemDetail problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return problem;
  }

  /** The gRPC status Temporal answered with, wherever the SDK wrapped it. */
  public static Optional<Status> grpcStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return Optional.of(status.getStatus());
      }
    }
    return Optional.empty();
  }
}
