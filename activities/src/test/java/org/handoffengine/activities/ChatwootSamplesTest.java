package org.handoffengine.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.handoffengine.activities.chatwoot.ChatwootActivitiesImpl;
import org.handoffengine.activities.chatwoot.ChatwootApi;
import org.handoffengine.activities.http.PlatformFailures;
import org.handoffengine.activities.setup.ChatwootSetupApi;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.chatwoot.ContactInboxRequest;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ContactRequest;
import org.handoffengine.workflows.chatwoot.ConversationLookup;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.HandoverRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest.OutgoingMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's answers as Chatwoot writes them ({@code ../shared/contracts/chatwoot/samples/api.*},
 * built from its jbuilder views and controllers), served verbatim by a stub to the engine's own
 * clients: the Chatwoot activities (inside Temporal, as journeys run them) and {@code setup}'s API.
 * Each answer must yield what the engine takes from it, and each error body the failure the journey
 * needs. Skips where {@code ../shared} is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatwootSamplesTest {

  private static final long ACCOUNT = 7;
  private static final long INBOX = 12;
  private static final long CONTACT = 4021;
  private static final long CONVERSATION = 318;
  private static final String PHONE = "+15555550142";
  private static final String SOURCE_ID = "b6f2c9d4-1e7a-4c3b-8f05-93d2a6e4c118";
  private static final String JOURNEY = "journey-+15555550142";

  private final Map<String, Served> routes = new ConcurrentHashMap<>();
  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private final List<String> unrouted = new ArrayList<>();
  private final HttpServer stub;
  private final ChatwootApi api;
  private final ChatwootSetupApi setupApi;
  private final ActivityHarness harness;

  /** A sample file answered with a status (and, for rack-attack's answer, its plain body). */
  private record Served(String sample, int status) {}

  ChatwootSamplesTest() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          Served answer = routes.get(key);
          byte[] body;
          String contentType = "application/json; charset=utf-8";
          int status;
          if (answer == null) {
            synchronized (unrouted) {
              unrouted.add(key);
            }
            status = 404;
            body = "{\"error\":\"Resource could not be found\"}".getBytes(StandardCharsets.UTF_8);
          } else {
            served.add(answer.sample());
            status = answer.status();
            JsonNode sample = sample(answer.sample());
            if (sample.has("headers")
                && sample.has("body")
                && sample.path("status").asInt() == status) {
              // rack-attack's answer is not JSON: the sample describes it (status, headers, body).
              contentType = sample.path("headers").path("content-type").asString();
              body = sample.path("body").asString().getBytes(StandardCharsets.UTF_8);
            } else {
              body = Files.readAllBytes(samples().resolve(answer.sample()));
            }
          }
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    stub.start();
    String base = "http://127.0.0.1:" + stub.getAddress().getPort();
    api =
        ActivityHarness.client(ChatwootApi.class, "Chatwoot", base, "api_access_token", "cw-token");
    setupApi =
        ActivityHarness.client(
            ChatwootSetupApi.class, "Chatwoot", base, "api_access_token", "cw-token");
    harness = new ActivityHarness(new ChatwootActivitiesImpl(api, ActivityHarness.HTTP_TIMEOUT));
  }

  @BeforeEach
  void clearRoutes() {
    routes.clear();
    served.clear();
    synchronized (unrouted) {
      unrouted.clear();
    }
  }

  @AfterAll
  void stop() {
    harness.close();
    stub.stop(0);
  }

  @Test
  void everyAnswerSampleYieldsWhatTheEngineTakesFromIt() {
    assumeSamples();

    // Contact step: an existing caller is found by search, a new one is created.
    route("GET", "/contacts/search", "api.contacts.search.200.json");
    assertContact(
        run(
            a -> a.findOrCreateContact(new ContactRequest(ACCOUNT, INBOX, PHONE, "Dana", null)),
            ContactRef.class),
        false);
    route("GET", "/contacts/search", "api.contacts.search.empty.200.json");
    route("POST", "/contacts", "api.contacts.create.200.json");
    assertContact(
        run(
            a -> a.findOrCreateContact(new ContactRequest(ACCOUNT, INBOX, PHONE, "Dana", null)),
            ContactRef.class),
        true);

    // Its place in the inbox: read from the contact, or made (for another inbox here).
    route("GET", "/contacts/" + CONTACT, "api.contacts.show.200.json");
    assertThat(
            run(
                a -> a.ensureContactInbox(new ContactInboxRequest(ACCOUNT, CONTACT, INBOX, "ours")),
                String.class))
        .isEqualTo(SOURCE_ID);
    route(
        "POST",
        "/contacts/" + CONTACT + "/contact_inboxes",
        "api.contacts.contact_inboxes.create.200.json");
    assertThat(
            run(
                a -> a.ensureContactInbox(new ContactInboxRequest(ACCOUNT, CONTACT, 99, "ours")),
                String.class))
        .isEqualTo(SOURCE_ID);

    // The journey's conversation: found among the contact's, or opened.
    route("GET", "/contacts/" + CONTACT + "/conversations", "api.contacts.conversations.200.json");
    ConversationRef found =
        run(
            a ->
                a.openConversation(
                    new ConversationRequest(ACCOUNT, INBOX, CONTACT, SOURCE_ID, JOURNEY, "call-1")),
            ConversationRef.class);
    assertThat(found.conversationId()).isEqualTo(CONVERSATION);
    assertThat(found.created()).isFalse();
    route("POST", "/conversations", "api.conversations.create.200.json");
    ConversationRef opened =
        run(
            a ->
                a.openConversation(
                    new ConversationRequest(
                        ACCOUNT, INBOX, CONTACT, SOURCE_ID, "journey-+15555550199", "call-2")),
            ConversationRef.class);
    assertThat(opened.conversationId()).isEqualTo(CONVERSATION);
    assertThat(opened.created()).isTrue();

    // Messages: the engine's own are recognised in the list (not posted twice), a new one is
    // posted.
    route(
        "GET",
        "/conversations/" + CONVERSATION + "/messages",
        "api.conversations.messages.index.200.json");
    route(
        "POST",
        "/conversations/" + CONVERSATION + "/messages",
        "api.conversations.messages.create.200.json");
    List<?> posted =
        run(
            a ->
                a.postMessages(
                    new PostMessagesRequest(
                        ACCOUNT,
                        CONVERSATION,
                        List.of(
                            new OutgoingMessage(
                                "call:0f9e3c2a-6b1d-4d7e-9a55-2c8e41b7d903:summary",
                                "Summary",
                                false),
                            new OutgoingMessage("call:new:summary", "Another summary", false)),
                        null)),
            List.class);
    assertThat(posted).extracting(id -> ((Number) id).longValue()).containsExactly(88190L, 88190L);

    // Reading the conversation: status, the customer's and agent's last words.
    route("GET", "/conversations/" + CONVERSATION, "api.conversations.show.200.json");
    ConversationSnapshot snapshot =
        run(
            a -> a.readConversation(new ConversationLookup(ACCOUNT, CONVERSATION)),
            ConversationSnapshot.class);
    assertThat(snapshot)
        .isEqualTo(
            new ConversationSnapshot(
                CONVERSATION,
                "open",
                Instant.ofEpochSecond(1795615509),
                Instant.ofEpochSecond(1795615622)));

    // Hand-over to another team and agent: assignment (team and agent answers), status, labels.
    route(
        "POST",
        "/conversations/" + CONVERSATION + "/assignments",
        "api.conversations.assignments.team.200.json");
    route(
        "POST",
        "/conversations/" + CONVERSATION + "/labels",
        "api.conversations.labels.create.200.json");
    run(
        a -> {
          a.handOver(new HandoverRequest(ACCOUNT, CONVERSATION, 5L, null, "voice"));
          return null;
        },
        Void.class);
    route(
        "POST",
        "/conversations/" + CONVERSATION + "/assignments",
        "api.conversations.assignments.agent.200.json");
    run(
        a -> {
          a.handOver(new HandoverRequest(ACCOUNT, CONVERSATION, null, 44L, null));
          return null;
        },
        Void.class);
    assertThat(
            api.assign(ACCOUNT, CONVERSATION, ChatwootPayloads.Assignment.agent(31))
                .path("id")
                .asLong())
        .isEqualTo(31);
    route(
        "POST",
        "/conversations/" + CONVERSATION + "/toggle_status",
        "api.conversations.toggle_status.200.json");
    assertThat(
            api.toggleStatus(ACCOUNT, CONVERSATION, new ChatwootPayloads.StatusToggle("open"))
                .path("payload")
                .path("current_status")
                .asString())
        .isEqualTo("open");

    // What setup reads: the inbox, the webhook and its signing secret, the agent bot.
    route("GET", "/inboxes", "api.inboxes.index.200.json");
    assertThat(setupApi.inboxes(ACCOUNT).path("payload").get(0).path("id").asLong())
        .isEqualTo(INBOX);
    route("POST", "/inboxes", "api.inboxes.create.200.json");
    assertThat(setupApi.createInbox(ACCOUNT, Map.of("name", "Voice calls")).path("id").asLong())
        .isEqualTo(INBOX);
    route("GET", "/inboxes/" + INBOX + "/agent_bot", "api.inboxes.agent_bot.200.json");
    assertThat(setupApi.inboxAgentBot(ACCOUNT, INBOX).path("agent_bot").path("id").asLong())
        .isEqualTo(3);
    route("GET", "/inboxes/" + INBOX + "/agent_bot", "api.inboxes.agent_bot.none.200.json");
    assertThat(setupApi.inboxAgentBot(ACCOUNT, INBOX).path("agent_bot").path("id").isMissingNode())
        .isTrue();
    route("GET", "/webhooks", "api.webhooks.index.200.json");
    assertThat(
            setupApi
                .webhooks(ACCOUNT)
                .path("payload")
                .path("webhooks")
                .get(0)
                .path("secret")
                .asString())
        .isEqualTo("q3WmZr7Kx9TfHb2NcV8pLs4J");
    route("POST", "/webhooks", "api.webhooks.create.200.json");
    assertThat(
            setupApi
                .createWebhook(ACCOUNT, Map.of("url", "https://engine.example.com"))
                .path("payload")
                .path("webhook")
                .path("secret")
                .asString())
        .isEqualTo("q3WmZr7Kx9TfHb2NcV8pLs4J");
    route("GET", "/agent_bots", "api.agent_bots.index.200.json");
    assertThat(setupApi.agentBots(ACCOUNT).get(0).path("outgoing_url").asString())
        .startsWith("https://engine.example.com/");
    route("POST", "/agent_bots", "api.agent_bots.create.200.json");
    assertThat(
            setupApi.createAgentBot(ACCOUNT, Map.of("name", "First Responder")).path("id").asLong())
        .isEqualTo(3);

    assertThat(unrouted).as("requests no sample answers").isEmpty();
    assertThat(served)
        .as("every answer sample served")
        .containsExactlyInAnyOrderElementsOf(samplesNamed("api.", ".200.json"));
    System.out.printf(
        "Chatwoot answer samples parsed by the engine's clients: %d%n", served.size());
  }

  /**
   * Refusals a retry cannot fix stop the step at once with Chatwoot's words; rack-attack's 429 is
   * retried.
   */
  @Test
  void everyErrorSampleBecomesTheFailureTheJourneyNeeds() {
    assumeSamples();
    Map<String, Integer> statuses =
        Map.of(
            "api.error.401.account.json", 401,
            "api.error.401.bot-endpoint.json", 401,
            "api.error.401.invalid-token.json", 401,
            "api.error.401.pundit.json", 401,
            "api.error.404.json", 404,
            "api.error.422.could-not-create.json", 422,
            "api.error.422.record-invalid.json", 422,
            "api.error.429.rack-attack.json", 429);
    assertThat(statuses.keySet())
        .as("every error sample has its status here")
        .containsExactlyInAnyOrderElementsOf(samplesNamed("api.error.", ".json"));

    for (var error : new TreeSet<>(statuses.keySet())) {
      int status = statuses.get(error);
      routes.put("GET /api/v1/accounts/" + ACCOUNT + "/contacts/search", new Served(error, status));
      ApplicationFailure failure =
          catchThrowableOfType(ApplicationFailure.class, () -> api.searchContacts(ACCOUNT, PHONE));

      JsonNode body = sample(error);
      String words =
          status == 429
              ? "Retry later"
              : body.has("error") ? body.path("error").asString() : body.path("message").asString();
      assertThat(failure).as(error).isNotNull();
      assertThat(failure.getOriginalMessage())
          .as(error)
          .isEqualTo(
              "Chatwoot answered " + status + ": " + (status == 429 ? words : compact(error)));
      assertThat(failure.getOriginalMessage()).as(error).contains(words);
      if (status == 429) {
        assertThat(failure.isNonRetryable()).as(error).isFalse();
        assertThat(failure.getType()).isEqualTo(PlatformFailures.UNAVAILABLE);
        assertThat(failure.getNextRetryDelay())
            .as("no Retry-After: the retry policy's backoff")
            .isNull();
      } else {
        assertThat(failure.isNonRetryable()).as(error).isTrue();
        assertThat(failure.getType()).isEqualTo(PlatformFailures.REJECTED);
      }
    }
    System.out.printf("Chatwoot error samples turned into failures: %d%n", statuses.size());
  }

  private static void assertContact(ContactRef contact, boolean created) {
    assertThat(contact.contactId()).isEqualTo(CONTACT);
    assertThat(contact.name()).isEqualTo("Dana Whitfield");
    assertThat(contact.created()).isEqualTo(created);
    assertThat(contact.inboxSourceId())
        .as("the contact's place in the inbox, from the same answer")
        .isEqualTo(SOURCE_ID);
  }

  private <R> R run(java.util.function.Function<ChatwootActivities, Object> call, Class<R> type) {
    return harness.run(ChatwootActivities.class, type, call);
  }

  private void route(String method, String path, String sample) {
    routes.put(method + " /api/v1/accounts/" + ACCOUNT + path, new Served(sample, 200));
  }

  private static void assumeSamples() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        chatwootSamples().isPresent(),
        "../shared/contracts/chatwoot/samples is absent (it sits beside the repo in CI, not in a user's clone); skipping the Chatwoot sample check");
  }

  private static Optional<Path> chatwootSamples() {
    return SharedContracts.chatwootSamples();
  }

  private static Path samples() {
    return chatwootSamples().orElseThrow();
  }

  private static List<String> samplesNamed(String prefix, String suffix) {
    try (Stream<Path> files = Files.list(samples())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sample(String name) {
    try {
      return tools.jackson.databind.json.JsonMapper.builder()
          .build()
          .readTree(Files.readString(samples().resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as the failure message shows it: whitespace runs folded. */
  private static String compact(String name) {
    try {
      return Files.readString(samples().resolve(name)).strip().replaceAll("\\s+", " ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
