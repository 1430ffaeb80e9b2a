package org.handoffengine.api.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binding refusals Spring MVC raises before the handler runs (no engine endpoint has a required
 * parameter or header yet, so a stand-in controller has them) answer as the advice's problems, and
 * so does the error page the container forwards to.
 */
class ProblemResponsesTest {

  @RestController
  static class Needy {
    @GetMapping("/needs-a-parameter")
    String parameter(@RequestParam String phone) {
      return phone;
    }

    @GetMapping("/needs-a-header")
    String header(@RequestHeader("Idempotency-Key") String key) {
      return key;
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Needy())
          .setControllerAdvice(new ProblemResponses())
          .build();

  @Test
  void aMissingParameterIsAProblem() throws Exception {
    mvc.perform(get("/needs-a-parameter").accept(MediaType.TEXT_HTML))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Bad Request"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.detail").value("Required parameter 'phone' is not present."))
        .andExpect(jsonPath("$.instance").value("/needs-a-parameter"));
  }

  @Test
  void aMissingHeaderIsAProblem() throws Exception {
    mvc.perform(get("/needs-a-header"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Bad Request"))
        .andExpect(jsonPath("$.detail").value("Required header 'Idempotency-Key' is not present."));
  }

  @Test
  void whatTheContainerForwardsToTheErrorPageIsAProblem() throws Exception {
    MockMvc errors = MockMvcBuilders.standaloneSetup(new ProblemErrorController()).build();

    errors
        .perform(
            get("/error")
                .accept(MediaType.TEXT_HTML)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/journeys/x/escalate"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Internal Server Error"))
        .andExpect(jsonPath("$.detail").value(ProblemResponses.UNEXPECTED))
        .andExpect(jsonPath("$.instance").value("/journeys/x/escalate"));
    errors
        .perform(
            get("/error")
                .accept(MediaType.TEXT_HTML)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/journeys"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Bad Request"))
        .andExpect(jsonPath("$.detail").value("bad request"));
  }
}
