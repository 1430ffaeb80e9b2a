package org.handoffengine.api.vapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.handoffengine.api.Reports;
import org.handoffengine.api.web.WebhookSignatures;
import org.handoffengine.api.web.WebhookSlice;
import org.handoffengine.journeys.CallerJourney;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.workflows.journey.CallReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Vapi's server URL in a web slice (the controller, its filters, the problem advice, a mocked
 * journey gateway): every bad or unauthenticated delivery is a 4xx problem document and reaches no
 * journey; Temporal being unreachable is a 503 with Retry-After.
 */
@WebMvcTest(VapiWebhookController.class)
@WebhookSlice
@Import({InboundCallAnswers.class, VapiTools.class})
class VapiWebhookSliceTest {

  private static final String SECRET = "test-vapi-secret";

  @Autowired private MockMvc http;
  @Autowired private MeterRegistry meters;
  @MockitoBean private JourneyClient journeys;

  @BeforeEach
  void aCallerHasAJourney() {
    CallerJourney caller = mock(CallerJourney.class);
    when(caller.loggableId()).thenReturn("journey-test");
    when(journeys.callerOf(any(CallReport.class), any())).thenReturn(caller);
    when(journeys.callEnded(any(), any())).thenReturn("journey-test");
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    problem(
        deliver("{\"message\": {\"type\": \"end-of-call-report\", ", "X-Vapi-Secret", SECRET),
        400,
        "not valid JSON");
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void aMissingSecretIsA401AskingForBearer() throws Exception {
    problem(deliver(report("call-no-secret", "+14155550161")), 401, "X-Vapi-Secret")
        .andExpect(header().string("WWW-Authenticate", "Bearer"));
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void aWrongSecretIsA401AndBearerWithTheRightOneIsAccepted() throws Exception {
    String report = report("call-wrong-secret", "+14155550162");

    problem(deliver(report, "X-Vapi-Secret", "guess"), 401, "does not match");
    problem(deliver(report, "Authorization", "Bearer guess"), 401, "does not match");
    verify(journeys, never()).callEnded(any(), any());

    deliver(report, "Authorization", "Bearer " + SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"));
    verify(journeys, times(1)).callEnded(any(), any());
  }

  @Test
  void anHmacSignedMessageIsAcceptedAndABadOrStaleOrUntimedSignatureIsRefused() throws Exception {
    String body = report("call-hmac", "+14155550208");
    String now = String.valueOf(Instant.now().toEpochMilli());
    String stale = String.valueOf(Instant.now().minusSeconds(900).getEpochSecond());

    deliver(body, "x-signature", sign("wrong", now, body), "x-timestamp", now)
        .andExpect(status().isUnauthorized());
    deliver(body, "x-signature", sign(SECRET, stale, body), "x-timestamp", stale)
        .andExpect(status().isUnauthorized());
    deliver(body, "x-signature", sign(SECRET, now, body)).andExpect(status().isUnauthorized());
    verify(journeys, never()).callEnded(any(), any());

    deliver(body, "x-signature", sign(SECRET, now, body), "x-timestamp", now)
        .andExpect(status().isOk());
    verify(journeys, times(1)).callEnded(any(), any());
  }

  @Test
  void anUnknownMessageTypeIsAcknowledgedIgnoredAndCounted() throws Exception {
    double before = unknownVapiMessages();

    authentic(
            Reports.endOfCall("call-unknown-type", "+14155550163")
                .type("model-output-v9")
                .toString())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));

    assertThat(unknownVapiMessages()).isEqualTo(before + 1);
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void aReportWithoutItsCallIsA400() throws Exception {
    problem(
        authentic(Reports.endOfCall("call-none", "+14155550164").withoutCall().toString()),
        400,
        "message.call is missing");
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void aPhoneNumberChatwootWouldRejectIsA400() throws Exception {
    problem(authentic(report("call-bad-number", "+0 12")), 400, "customer.number");
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void aBodyWithoutMessageOrTypeIsA400() throws Exception {
    problem(authentic("{\"type\": \"end-of-call-report\"}"), 400, "no message object");
    problem(authentic("{\"message\": {\"call\": {}}}"), 400, "message.type is missing");
  }

  @Test
  void aBodyOverTheLimitIsA413() throws Exception {
    String huge =
        report("call-huge", "+14155550165")
            .replace("\"cost\"", "\"padding\": \"" + "x".repeat(2_000_000) + "\", \"cost\"");

    problem(authentic(huge), 413, "larger than");
    verify(journeys, never()).callEnded(any(), any());
  }

  @Test
  void theSameReportDeliveredTwiceReachesTheJourneyAsTheSameCall() throws Exception {
    String report = report("call-twice", "+14155550167");

    authentic(report).andExpect(status().isOk());
    authentic(report).andExpect(status().isOk());

    // The journey keeps one call per call id, so the two deliveries are one call to it.
    ArgumentCaptor<CallReport> reports = ArgumentCaptor.forClass(CallReport.class);
    verify(journeys, times(2)).callEnded(any(), reports.capture());
    assertThat(reports.getAllValues())
        .extracting(CallReport::callId)
        .containsExactly("call-twice", "call-twice");
    assertThat(reports.getAllValues().get(0)).isEqualTo(reports.getAllValues().get(1));
  }

  @Test
  void temporalUnreachableIsA503WithRetryAfter() throws Exception {
    when(journeys.callEnded(any(), any()))
        .thenThrow(new StatusRuntimeException(Status.UNAVAILABLE));

    problem(authentic(report("call-no-temporal", "+14155550168")), 503, "unavailable")
        .andExpect(header().string("Retry-After", "5"));
  }

  private double unknownVapiMessages() {
    var counter =
        meters
            .find("handoff.webhooks.received")
            .tags("platform", "vapi", "type", "unknown")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static String report(String callId, String phone) {
    return Reports.endOfCall(callId, phone).toString();
  }

  private ResultActions authentic(String body) throws Exception {
    return deliver(body, "X-Vapi-Secret", SECRET);
  }

  private ResultActions deliver(String body, String... headers) throws Exception {
    var request = post("/webhooks/vapi").contentType(MediaType.APPLICATION_JSON).content(body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.perform(request);
  }

  private static ResultActions problem(ResultActions response, int status, String detail)
      throws Exception {
    return response
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.detail").value(containsString(detail)));
  }

  private static String sign(String secret, String timestamp, String body) {
    return WebhookSignatures.hexHmacSha256(
        secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }
}
