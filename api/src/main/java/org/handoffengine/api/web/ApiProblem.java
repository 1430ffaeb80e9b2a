package org.handoffengine.api.web;

import org.springframework.http.HttpStatus;

/**
 * A request the engine refuses, with the status and a sentence naming the problem. Rendered as an
 * RFC 9457 problem document by {@link ProblemResponses}.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;

  public ApiProblem(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail);
  }

  /** Well-formed, but nothing the engine is configured to take. */
  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, detail);
  }

  public static ApiProblem unprocessable(String detail) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, detail);
  }

  public HttpStatus status() {
    return status;
  }
}
