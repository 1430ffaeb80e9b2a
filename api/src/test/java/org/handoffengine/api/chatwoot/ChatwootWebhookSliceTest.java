package org.handoffengine.api.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.UUID;
import org.handoffengine.api.web.WebhookSlice;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.platforms.chatwoot.ConversationAttributes;
import org.handoffengine.sandbox.ChatwootDeliveries;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's webhook URLs in a web slice (the controller, its filters, the problem advice, a mocked
 * journey gateway), with deliveries shaped by the Chatwoot sandbox: authentication by signature or
 * token, bad input as 4xx problem documents, a duplicate delivery as the same event to the journey,
 * and 503 with Retry-After when Temporal is unreachable.
 */
@WebMvcTest(ChatwootWebhookController.class)
@WebhookSlice
class ChatwootWebhookSliceTest {

  /** The account webhook's signing secret and the URL token in the test profile. */
  private static final String SIGNING = "test-chatwoot-signing";

  private static final String TOKEN = "test-chatwoot-secret";
  private static final String JOURNEY = "journey-0123456789abcdef0123456789abcdef";

  @Autowired private MockMvc http;
  @MockitoBean private JourneyClient journeys;

  private final ChatwootSandbox chatwoot = new ChatwootSandbox("slice-token", 1);

  @Test
  void aSignedCustomerReplyIsSignalledToTheJourneyItsConversationNames() throws Exception {
    signed(customerReply("Thanks, the address is right."), UUID.randomUUID().toString())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.signal").value("customerReplied"))
        .andExpect(jsonPath("$.journeyId").value(JOURNEY));
    verify(journeys).customerReplied(eq(JOURNEY), any());
  }

  @Test
  void whereTheSigningSecretIsKnownOnlyAFreshSignatureWithItIsAccepted() throws Exception {
    String body = customerReply("hello").toString();
    String now = String.valueOf(Instant.now().getEpochSecond());
    String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
    String withToken = "/webhooks/chatwoot?token=" + TOKEN;

    deliver(
            withToken,
            body,
            "X-Chatwoot-Signature",
            "sha256=" + ChatwootDeliveries.sign("wrong-secret", now, body),
            "X-Chatwoot-Timestamp",
            now)
        .andExpect(status().isUnauthorized());
    deliver(
            withToken,
            body,
            "X-Chatwoot-Signature",
            "sha256=" + ChatwootDeliveries.sign(SIGNING, stale, body),
            "X-Chatwoot-Timestamp",
            stale)
        .andExpect(status().isUnauthorized());
    problem(deliver(withToken, body), 401, "X-Chatwoot-Signature");
    deliver("/webhooks/chatwoot", body)
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"));
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void theBotsDeliveriesWithoutASigningSecretAreAuthenticatedByTheUrlsToken() throws Exception {
    String body = customerReply("hi bot").toString();

    problem(deliver("/webhooks/chatwoot/accounts/1/bot?token=wrong", body), 401, "does not match");
    problem(deliver("/webhooks/chatwoot/accounts/1/bot", body), 401, "token");
    deliver("/webhooks/chatwoot/accounts/1/bot?token=" + TOKEN, body).andExpect(status().isOk());
    verify(journeys, times(1)).customerReplied(eq(JOURNEY), any());
  }

  @Test
  void badInputIsA400ProblemAndReachesNoJourney() throws Exception {
    problem(signed("{\"event\": \"message_created\", ", null), 400, "not valid JSON");
    problem(signed("{\"id\": 5}", null), 400, "event is missing");
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void anEventOfAJourneyWithoutItsConversationsIdIsA400ProblemNotAServerError() throws Exception {
    ObjectNode reply = customerReply("hello?");
    ((ObjectNode) reply.path("conversation")).remove("id");
    long conversation = chatwoot.startConversation(1, "+14155550191", "Dana");
    ObjectNode resolved = chatwoot.changeStatus(conversation, "resolved");
    resolved.putObject("custom_attributes").put(ConversationAttributes.JOURNEY, JOURNEY);
    resolved.remove("id");

    problem(signed(reply, null), 400, "needs its conversation.id");
    problem(signed(resolved, null), 400, "needs its id");
    verify(journeys, never()).customerReplied(any(), any());
    verify(journeys, never()).conversationStatusChanged(any(), any());
  }

  @Test
  void anAccountThatIsNoNumberIsA400ProblemNotAServerError() throws Exception {
    String body = customerReply("hello").toString();

    problem(
        deliver("/webhooks/chatwoot/accounts/abc?token=" + TOKEN, body), 400, "must be a number");
    problem(deliver("/webhooks/chatwoot/accounts/abc/bot", body), 400, "must be a number");
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void aBodyOverTheLimitIsA413() throws Exception {
    ObjectNode event = customerReply("x".repeat(2_000_000));

    problem(deliver("/webhooks/chatwoot?token=" + TOKEN, event.toString()), 413, "larger than");
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void anEventAboutAConversationNoJourneyOwnsIsIgnored() throws Exception {
    ObjectNode event = customerReply("hello?");
    ((ObjectNode) event.path("conversation")).putObject("custom_attributes");

    signed(event, null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ignored"));
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void aJourneyAttributeTheEngineNeverIssuesIsIgnored() throws Exception {
    // Agents can edit a conversation's custom attributes: a text that merely starts like a journey
    // id reaches no journey, and a status change on it starts none.
    ObjectNode reply = customerReply("hello?");
    ((ObjectNode) reply.path("conversation").path("custom_attributes"))
        .put(ConversationAttributes.JOURNEY, "journey-made-up");

    signed(reply, null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ignored"));
    verify(journeys, never()).customerReplied(any(), any());
  }

  @Test
  void theSameDeliveryTwiceIsTheSameEventToTheJourney() throws Exception {
    ObjectNode event = customerReply("I need an agent please");
    String delivery = UUID.randomUUID().toString();

    signed(event, delivery).andExpect(status().isOk());
    signed(event, delivery).andExpect(status().isOk());

    // The journey drops an event whose delivery (or message) it has seen: the two are one signal.
    ArgumentCaptor<ChatwootEvent> events = ArgumentCaptor.forClass(ChatwootEvent.class);
    verify(journeys, times(2)).customerReplied(eq(JOURNEY), events.capture());
    assertThat(events.getAllValues().get(0)).isEqualTo(events.getAllValues().get(1));
    assertThat(events.getAllValues().get(0).deliveryId()).isEqualTo(delivery);
  }

  @Test
  void temporalUnreachableIsA503WithRetryAfter() throws Exception {
    doThrow(new StatusRuntimeException(Status.UNAVAILABLE))
        .when(journeys)
        .customerReplied(any(), any());

    problem(signed(customerReply("hello"), null), 503, "unavailable")
        .andExpect(header().string("Retry-After", "5"));
  }

  /** A customer's message in a conversation the engine opened for {@link #JOURNEY}. */
  private ObjectNode customerReply(String content) {
    long conversation = chatwoot.startConversation(1, "+14155550190", "Dana");
    ObjectNode event = chatwoot.customerWrites(conversation, content);
    ((ObjectNode) event.path("conversation"))
        .putObject("custom_attributes")
        .put(ConversationAttributes.JOURNEY, JOURNEY);
    return event;
  }

  private ResultActions signed(Object event, String delivery) throws Exception {
    String body = event.toString();
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String[] headers = {
      "X-Chatwoot-Signature",
      "sha256=" + ChatwootDeliveries.sign(SIGNING, timestamp, body),
      "X-Chatwoot-Timestamp",
      timestamp,
      "X-Chatwoot-Delivery",
      delivery == null ? UUID.randomUUID().toString() : delivery
    };
    return deliver("/webhooks/chatwoot", body, headers);
  }

  private ResultActions deliver(String url, String body, String... headers) throws Exception {
    var request = post(url).contentType(MediaType.APPLICATION_JSON).content(body);
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
        .andExpect(jsonPath("$.detail").value(containsString(detail)));
  }
}
