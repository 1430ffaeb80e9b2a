package org.handoffengine.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.handoffengine.activities.chatwoot.ChatwootActivitiesImpl;
import org.handoffengine.activities.chatwoot.ChatwootApi;
import org.handoffengine.platforms.chatwoot.ChatwootPayloads;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.RecordedRequest;
import org.handoffengine.sandbox.contract.ChatwootRequests;
import org.handoffengine.sandbox.contract.OpenApiContract;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.chatwoot.ContactConversation;
import org.handoffengine.workflows.chatwoot.ContactConversationRequest;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The Chatwoot activities inside Temporal, against the Chatwoot sandbox and its faults. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatwootActivitiesImplTest {

  private static final String PHONE = "+14155550123";
  private static final long INBOX = 7;
  private static final List<OutgoingMessage> CALL_MESSAGES =
      List.of(
          new OutgoingMessage("call:c1:summary", "Summary", false),
          new OutgoingMessage("call:c1:details", "Details", true));

  /**
   * A new caller's requests: four until the transcript exists (search, contact, conversation with
   * the summary, transcript), then the details note.
   */
  private static final List<String> NEW_CALLERS_REQUESTS =
      List.of(
          "GET /api/v1/accounts/{id}/contacts/search",
          "POST /api/v1/accounts/{id}/contacts",
          "POST /api/v1/accounts/{id}/conversations",
          "POST /api/v1/accounts/{id}/conversations/{id}/messages",
          "POST /api/v1/accounts/{id}/conversations/{id}/messages");

  private final ChatwootSandbox chatwoot = new ChatwootSandbox("cw-token", 1);
  private final ActivityHarness harness;

  ChatwootActivitiesImplTest() {
    chatwoot.start();
    harness =
        new ActivityHarness(
            new ChatwootActivitiesImpl(
                ActivityHarness.client(
                    ChatwootApi.class,
                    "Chatwoot",
                    chatwoot.baseUrl(),
                    "api_access_token",
                    "cw-token"),
                ActivityHarness.HTTP_TIMEOUT));
  }

  @BeforeEach
  void reset() {
    chatwoot.reset();
  }

  @AfterAll
  void stop() {
    harness.close();
    chatwoot.close();
  }

  @Test
  void aNewCallerBecomesAContactInTheInboxAndAnExistingOneIsFoundByExactPhone() {
    ContactRef created = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana Whitfield", null));
    ContactRef found = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Someone else", null));

    JsonNode contactInbox = chatwoot.contacts().get(0).path("contact_inboxes").get(0);
    String sourceId = contactInbox.path("source_id").asString();
    assertThat(created.created()).isTrue();
    assertThat(created.inboxSourceId()).as("named by the create's answer").isEqualTo(sourceId);
    assertThat(found)
        .isEqualTo(new ContactRef(created.contactId(), "Dana Whitfield", false, sourceId));
    assertThat(chatwoot.contactsWithPhone(PHONE)).hasSize(1);
    assertThat(contactInbox.path("inbox").path("id").asLong()).isEqualTo(INBOX);
    assertThat(chatwoot.requests("GET", ".*/contacts/\\d+"))
        .as("no separate look at the contact")
        .isEmpty();
  }

  @Test
  void aContactNotYetInTheInboxComesBackWithoutASourceId() {
    // Created by an agent in Chatwoot's UI: in no inbox.
    ActivityHarness.client(
            ChatwootApi.class, "Chatwoot", chatwoot.baseUrl(), "api_access_token", "cw-token")
        .createContact(1, new ChatwootPayloads.ContactCreate(null, "Dana Whitfield", PHONE, null));

    ContactRef found = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana", null));

    assertThat(found.created()).isFalse();
    assertThat(found.inboxSourceId())
        .as("the journey must still add the contact to its inbox")
        .isNull();
  }

  @Test
  void aLostCreateResponseDoesNotCreateASecondContact() {
    chatwoot.faults().loseNextWriteResponses(1);

    ContactRef contact = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana Whitfield", null));

    assertThat(chatwoot.contacts()).hasSize(1);
    assertThat(contact.contactId()).isEqualTo(chatwoot.contacts().get(0).path("id").asLong());
  }

  @Test
  void aPhoneNumberChatwootRejectsFailsAtOnceWithChatwootsAnswer() {
    assertThatThrownBy(() -> findOrCreate(new ContactRequest(1, INBOX, "4155550123", "Dana", null)))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("Chatwoot answered 422")
        .hasMessageContaining("Phone number should be in e164 format");
    assertThat(chatwoot.requests("POST", ".*/contacts")).hasSize(1);
  }

  @Test
  void aWrongTokenFailsAtOnceWithChatwootsAnswer() {
    var wrongToken =
        new ActivityHarness(
            new ChatwootActivitiesImpl(
                ActivityHarness.client(
                    ChatwootApi.class, "Chatwoot", chatwoot.baseUrl(), "api_access_token", "stale"),
                ActivityHarness.HTTP_TIMEOUT));
    try (wrongToken) {
      assertThatThrownBy(
              () ->
                  wrongToken.run(
                      ChatwootActivities.class,
                      ContactRef.class,
                      a ->
                          a.findOrCreateContact(new ContactRequest(1, INBOX, PHONE, "Dana", null))))
          .rootCause()
          .hasMessageContaining("Chatwoot answered 401")
          .hasMessageContaining("Invalid Access Token");
    }
    assertThat(chatwoot.requests()).hasSize(1);
  }

  @Test
  void rateLimitingIsRetriedAfterTheTimeChatwootAsksFor() {
    chatwoot.faults().rateLimitNextWrites(1, "2");

    findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana", null));

    List<RecordedRequest> creates = chatwoot.requests("POST", ".*/contacts");
    assertThat(creates).extracting(RecordedRequest::status).containsExactly(429, 200);
    assertThat(Duration.between(creates.get(0).at(), creates.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(chatwoot.contacts()).hasSize(1);
  }

  /**
   * rack-attack's throttle on contact search answers 429 {@code text/plain} "Retry later" with no
   * {@code Retry-After}. That is retryable: the attempt comes back on the activity's own backoff
   * (50 ms doubling to 200 ms here), not at once in a tight loop and not as a refusal, and the
   * contact is created once Chatwoot's window opens again.
   */
  @Test
  void aContactSearchThrottledWithoutRetryAfterBacksOffAndSucceedsOnceTheWindowOpens()
      throws Exception {
    Duration window = Duration.ofSeconds(2);
    chatwoot.limitContactSearches(1, window);
    try {
      useUpTheContactSearchWindow(window);

      ContactRef created = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana", null));

      List<RecordedRequest> searches =
          chatwoot.requests("GET", ".*/contacts/search").stream()
              .filter(r -> PHONE.equals(r.query().get("q")))
              .toList();
      List<RecordedRequest> throttled = searches.stream().filter(r -> r.status() == 429).toList();
      assertThat(throttled).as("throttled while the window was used up").isNotEmpty();
      assertThat(searches.get(searches.size() - 1).status()).isEqualTo(200);
      for (int i = 1; i < searches.size(); i++) {
        assertThat(Duration.between(searches.get(i - 1).at(), searches.get(i).receivedAt()))
            .as(
                "wait before search %d (a retry with no delay would be back within milliseconds)",
                i + 1)
            .isGreaterThanOrEqualTo(Duration.ofMillis(40));
      }
      // Backoff, not a loop: over the ~2 s window at most a few dozen tries, not thousands.
      assertThat(throttled.size()).isLessThan(60);
      assertThat(created.created()).isTrue();
      assertThat(chatwoot.contactsWithPhone(PHONE)).hasSize(1);
    } finally {
      chatwoot.limitContactSearches(0, window);
    }
  }

  /**
   * One search early in a window (so the next ones are throttled for most of it), then one refused.
   */
  private void useUpTheContactSearchWindow(Duration window) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var search =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    chatwoot.baseUrl() + "/api/v1/accounts/1/contacts/search?q=warm-up"))
            .header("api_access_token", "cw-token")
            .build();
    while (System.currentTimeMillis() % window.toMillis() > window.toMillis() / 4) {
      Thread.sleep(
          10); // until a window has just begun: the throttle is rack-attack's fixed windows
    }
    assertThat(http.send(search, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
    var refused = http.send(search, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    assertThat(refused.body()).isEqualTo("Retry later\n");
  }

  @Test
  void theJourneysConversationIsReusedAndItsMessagesArePostedOnceEvenWhenResponsesAreLost() {
    ConversationRef first = openConversation();
    ConversationRef again = openConversation();
    assertThat(again).isEqualTo(new ConversationRef(first.conversationId(), "open", false));

    List<OutgoingMessage> messages = CALL_MESSAGES;
    chatwoot.faults().loseNextWriteResponses(1);
    List<?> ids =
        harness.run(
            ChatwootActivities.class,
            List.class,
            a -> a.postMessages(new PostMessagesRequest(1, first.conversationId(), messages)));
    List<?> idsAgain =
        harness.run(
            ChatwootActivities.class,
            List.class,
            a -> a.postMessages(new PostMessagesRequest(1, first.conversationId(), messages)));

    List<JsonNode> posted = chatwoot.messages(first.conversationId());
    assertThat(posted)
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly("call:c1:summary", "call:c1:details");
    assertThat(posted).extracting(m -> m.path("private").asBoolean()).containsExactly(false, true);
    assertThat(idsAgain).isEqualTo(ids).hasSize(2);
  }

  @Test
  void aNewCallersConversationOpensWithItsSummaryInFourRoundTripsBeforeTheTranscript() {
    OutgoingMessage summary = new OutgoingMessage("call:c1:summary", "Summary", false);
    List<OutgoingMessage> rest =
        List.of(
            new OutgoingMessage("call:c1:transcript", "Transcript", false),
            new OutgoingMessage("call:c1:details", "Details", true));

    ConversationRef opened =
        harness.run(
            ChatwootActivities.class,
            ConversationRef.class,
            a -> {
              ContactRef contact =
                  a.findOrCreateContact(new ContactRequest(1, INBOX, PHONE, "Dana", null));
              ConversationRef conversation =
                  a.openConversation(
                      new ConversationRequest(
                          1,
                          INBOX,
                          contact.contactId(),
                          contact.inboxSourceId(),
                          "journey-" + PHONE,
                          "c1",
                          summary,
                          contact.createdInRun()));
              a.postMessages(
                  new PostMessagesRequest(
                      1, conversation.conversationId(), rest, conversation.createdInRun()));
              return conversation;
            });

    assertThat(requestsMade()).isEqualTo(NEW_CALLERS_REQUESTS);
    List<JsonNode> posted = chatwoot.messages(opened.conversationId());
    assertThat(posted)
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly("call:c1:summary", "call:c1:transcript", "call:c1:details");
    assertThat(opened.created()).isTrue();
    assertThat(opened.firstMessageId()).isEqualTo(posted.get(0).path("id").asLong());
  }

  @Test
  void aLostAnswerToTheConversationWithItsSummaryCreatesNeitherTwice() {
    OutgoingMessage summary = new OutgoingMessage("call:c1:summary", "Summary", false);
    Runnable unhook =
        chatwoot.onRequest(
            r -> {
              if (r.method().equals("POST") && r.path().endsWith("/contacts")) {
                chatwoot.faults().loseNextWriteResponses(1); // the conversation's create, next
              }
            });
    ConversationRef opened;
    try {
      opened =
          harness.run(
              ChatwootActivities.class,
              ConversationRef.class,
              a -> {
                ContactRef contact =
                    a.findOrCreateContact(new ContactRequest(1, INBOX, PHONE, "Dana", null));
                ConversationRef conversation =
                    a.openConversation(
                        new ConversationRequest(
                            1,
                            INBOX,
                            contact.contactId(),
                            contact.inboxSourceId(),
                            "journey-" + PHONE,
                            "c1",
                            summary,
                            contact.createdInRun()));
                // Not created by the answer it got: the journey posts the summary with the rest.
                a.postMessages(
                    new PostMessagesRequest(
                        1,
                        conversation.conversationId(),
                        List.of(summary, CALL_MESSAGES.get(1)),
                        conversation.createdInRun()));
                return conversation;
              });
    } finally {
      unhook.run();
    }

    assertThat(opened.created())
        .as("the retry found the conversation the lost answer created")
        .isFalse();
    assertThat(chatwoot.requests("POST", ".*/conversations"))
        .extracting(RecordedRequest::status)
        .containsExactly(502);
    assertThat(chatwoot.requests("GET", ".*/contacts/\\d+/conversations"))
        .as("the retry looked")
        .hasSize(1);
    assertThat(
            chatwoot.conversationsOf(chatwoot.contactsWithPhone(PHONE).get(0).path("id").asLong()))
        .hasSize(1);
    assertThat(chatwoot.messages(opened.conversationId()))
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly("call:c1:summary", "call:c1:details");
  }

  @Test
  void aNewCallersConversationOpensWithTheWholeCallInOneStepAndFourRoundTripsBeforeTheTranscript() {
    OutgoingMessage summary = new OutgoingMessage("call:c1:summary", "Summary", false);
    List<OutgoingMessage> rest =
        List.of(
            new OutgoingMessage("call:c1:transcript", "Transcript", false),
            new OutgoingMessage("call:c1:details", "Details", true));

    ConversationRef opened = newCallerOpensTheWholeCall(summary, rest);

    assertThat(requestsMade()).isEqualTo(NEW_CALLERS_REQUESTS);
    assertTheCallIsInChatwootOnce(
        chatwoot.contactsWithPhone(PHONE).get(0).path("id").asLong(), opened);
  }

  /**
   * A new caller's contact step, then the opening step with the whole call, as a journey runs them.
   */
  private ConversationRef newCallerOpensTheWholeCall(
      OutgoingMessage summary, List<OutgoingMessage> rest) {
    return harness.run(
        ChatwootActivities.class,
        ConversationRef.class,
        a -> {
          ContactRef contact =
              a.findOrCreateContact(new ContactRequest(1, INBOX, PHONE, "Dana", null));
          return a.openConversation(
              new ConversationRequest(
                  1,
                  INBOX,
                  contact.contactId(),
                  contact.inboxSourceId(),
                  "journey-" + PHONE,
                  "c1",
                  summary,
                  contact.createdInRun(),
                  rest));
        });
  }

  @Test
  void aLostAnswerToTheTranscriptInTheOpeningStepPostsNothingTwice() {
    OutgoingMessage summary = new OutgoingMessage("call:c1:summary", "Summary", false);
    List<OutgoingMessage> rest =
        List.of(
            new OutgoingMessage("call:c1:transcript", "Transcript", false),
            new OutgoingMessage("call:c1:details", "Details", true));
    Runnable unhook =
        chatwoot.onRequest(
            r -> {
              if (r.method().equals("POST") && r.path().endsWith("/conversations")) {
                chatwoot.faults().loseNextWriteResponses(1); // the transcript's post, next
              }
            });
    ConversationRef opened;
    try {
      opened = newCallerOpensTheWholeCall(summary, rest);
    } finally {
      unhook.run();
    }

    assertThat(chatwoot.requests("POST", ".*/conversations"))
        .as("the conversation is created once")
        .hasSize(1);
    assertThat(chatwoot.requests("GET", ".*/contacts/\\d+/conversations"))
        .as("the retry looked for it")
        .hasSize(1);
    assertTheCallIsInChatwootOnce(
        chatwoot.contactsWithPhone(PHONE).get(0).path("id").asLong(), opened);
  }

  @Test
  void aNewCallersContactAndWholeCallAreOneStepOfFourRoundTripsBeforeTheTranscript() {
    ContactConversation written = newCallerInOneStep();

    assertThat(requestsMade()).isEqualTo(NEW_CALLERS_REQUESTS);
    assertThat(written.contact().created()).isTrue();
    assertThat(written.contact().contactId())
        .isEqualTo(chatwoot.contactsWithPhone(PHONE).get(0).path("id").asLong());
    assertTheCallIsInChatwootOnce(written);
  }

  /**
   * Every write of the one step losing its answer in turn (the write took effect, the worker heard
   * an error): the retry searches, finds what the lost answer created, and creates nothing twice.
   */
  @ParameterizedTest(name = "{0} loses its answer")
  @ValueSource(strings = {"POST /contacts", "POST /conversations", "POST /messages"})
  void aLostAnswerInTheOneStepCreatesNothingTwice(String lost) {
    String before =
        switch (lost) {
          case "POST /contacts" -> null; // the step's first write
          case "POST /conversations" -> "/contacts";
          default -> "/conversations";
        };
    if (before == null) {
      chatwoot.faults().loseNextWriteResponses(1);
    }
    Runnable unhook =
        chatwoot.onRequest(
            r -> {
              if (before != null && r.method().equals("POST") && r.path().endsWith(before)) {
                chatwoot.faults().loseNextWriteResponses(1);
              }
            });
    ContactConversation written;
    try {
      written = newCallerInOneStep();
    } finally {
      unhook.run();
    }

    assertThat(chatwoot.requests())
        .as("the lost answer was seen")
        .extracting(RecordedRequest::status)
        .contains(502);
    assertThat(chatwoot.contacts()).as("one contact").hasSize(1);
    assertThat(written.contact().contactId())
        .isEqualTo(chatwoot.contacts().get(0).path("id").asLong());
    assertTheCallIsInChatwootOnce(written);
  }

  /**
   * Chatwoot takes the conversation's create but, busy, answers only after the client has given up.
   * The retry's look must come after the create has landed, or it finds nothing and opens a second
   * conversation.
   */
  @Test
  void aWriteThatLandsAfterTheClientGaveUpIsFoundByTheRetryNotMadeTwice() {
    Duration stall = ActivityHarness.HTTP_TIMEOUT.plusSeconds(1);
    Runnable unhook =
        chatwoot.onRequest(
            r -> {
              if (r.method().equals("POST") && r.path().endsWith("/contacts")) {
                chatwoot.faults().stallNextWrites(1, ActivityHarness.HTTP_TIMEOUT.plusSeconds(1));
              }
            });
    ContactConversation written;
    try {
      written = newCallerInOneStep();
    } finally {
      unhook.run();
    }

    chatwoot.awaitUntil(
        "the stalled create to land",
        () ->
            chatwoot.requests("POST", ".*/conversations").stream()
                .anyMatch(r -> !Duration.between(r.receivedAt(), r.at()).minus(stall).isNegative()),
        Duration.ofSeconds(30));
    assertThat(chatwoot.requests("POST", ".*/conversations"))
        .as("the create the client gave up on was the only one")
        .hasSize(1);
    assertThat(chatwoot.requests("GET", ".*/contacts/\\d+/conversations"))
        .as("the retry looked")
        .isNotEmpty();
    assertTheCallIsInChatwootOnce(written);
  }

  private ContactConversation newCallerInOneStep() {
    ConversationRequest conversation =
        new ConversationRequest(
            1,
            INBOX,
            0,
            "handoff-journey",
            "journey-" + PHONE,
            "c1",
            new OutgoingMessage("call:c1:summary", "Summary", false),
            null,
            List.of(
                new OutgoingMessage("call:c1:transcript", "Transcript", false),
                new OutgoingMessage("call:c1:details", "Details", true)));
    return harness.run(
        ChatwootActivities.class,
        ContactConversation.class,
        a ->
            a.findContactAndOpenConversation(
                new ContactConversationRequest(
                    new ContactRequest(1, INBOX, PHONE, "Dana", null), conversation)));
  }

  private void assertTheCallIsInChatwootOnce(ContactConversation written) {
    assertTheCallIsInChatwootOnce(written.contact().contactId(), written.conversation());
  }

  /** One conversation of the contact, holding the call's three messages once, their ids known. */
  private void assertTheCallIsInChatwootOnce(long contactId, ConversationRef opened) {
    assertThat(chatwoot.conversationsOf(contactId)).as("one conversation").hasSize(1);
    List<JsonNode> posted = chatwoot.messages(opened.conversationId());
    assertThat(posted)
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly("call:c1:summary", "call:c1:transcript", "call:c1:details");
    assertThat(opened.firstMessageId()).isEqualTo(posted.get(0).path("id").asLong());
    assertThat(opened.laterMessageIds())
        .containsExactly(posted.get(1).path("id").asLong(), posted.get(2).path("id").asLong());
  }

  @Test
  void theEnginesMarkIsInvisibleWhereChatwootKeepsContentAttributes() {
    try (var fresh = freshWrites()) {
      ConversationRef conversation = openConversation();
      List<OutgoingMessage> first =
          List.of(new OutgoingMessage("call:c9:summary", "Summary", false));
      List<OutgoingMessage> botReply =
          List.of(new OutgoingMessage("bot:77", "Your parcel left the depot today.", false));
      fresh.run(
          ChatwootActivities.class,
          List.class,
          a -> a.postMessages(new PostMessagesRequest(1, conversation.conversationId(), first)));
      // A retry of the same step finds the message by its attribute and posts nothing.
      fresh.run(
          ChatwootActivities.class,
          List.class,
          a -> a.postMessages(new PostMessagesRequest(1, conversation.conversationId(), first)));
      fresh.run(
          ChatwootActivities.class,
          List.class,
          a -> a.postMessages(new PostMessagesRequest(1, conversation.conversationId(), botReply)));

      List<JsonNode> posted = chatwoot.messages(conversation.conversationId());
      assertThat(posted)
          .extracting(m -> m.path("content_attributes").path(EngineMark.ATTRIBUTE).asString())
          .containsExactly("call:c9:summary", "bot:77");
      assertThat(posted.get(1).path("content").asString())
          .as("the customer reads the bot's reply as written")
          .isEqualTo("Your parcel left the depot today.");
      assertThat(
              chatwoot
                  .messageCreatedFor(posted.get(1).path("id").asLong())
                  .path("content_attributes")
                  .path(EngineMark.ATTRIBUTE)
                  .asString())
          .as("webhooks carry the mark")
          .isEqualTo("bot:77");
    }
  }

  @Test
  void onAChatwootThatDropsContentAttributesTheVisibleTagStillFindsTheMessage() {
    chatwoot.dropContentAttributes();
    try (var fresh = freshWrites()) {
      ConversationRef conversation = openConversation();
      List<OutgoingMessage> messages =
          List.of(
              new OutgoingMessage("call:c8:summary", "Summary", false),
              new OutgoingMessage("bot:78", "Reply", false));
      chatwoot.faults().loseNextWriteResponses(1);
      fresh.run(
          ChatwootActivities.class,
          List.class,
          a -> a.postMessages(new PostMessagesRequest(1, conversation.conversationId(), messages)));

      List<JsonNode> posted = chatwoot.messages(conversation.conversationId());
      assertThat(posted)
          .extracting(m -> EngineMark.keyOf(m).orElseThrow())
          .containsExactly("call:c8:summary", "bot:78");
      assertThat(posted)
          .allSatisfy(m -> assertThat(m.path("content_attributes").isEmpty()).isTrue());
      assertThat(posted.get(1).path("content").asString()).isEqualTo("Reply\n\n[handoff:bot:78]");
    }
  }

  private ActivityHarness freshWrites() {
    return new ActivityHarness(
        new ChatwootActivitiesImpl(
            ActivityHarness.client(
                ChatwootApi.class, "Chatwoot", chatwoot.baseUrl(), "api_access_token", "cw-token"),
            ActivityHarness.HTTP_TIMEOUT));
  }

  @Test
  void theFirstMessagesOfAConversationItsRunJustCreatedArePostedWithoutLookingFirst() {
    ConversationRequest conversation = conversationRequest();
    List<?> ids =
        harness.run(
            ChatwootActivities.class,
            List.class,
            a -> {
              ConversationRef created = a.openConversation(conversation);
              return a.postMessages(
                  new PostMessagesRequest(
                      1, created.conversationId(), CALL_MESSAGES, created.createdInRun()));
            });

    assertThat(ids).hasSize(2);
    assertThat(chatwoot.requests("GET", ".*/messages")).isEmpty();
    assertThat(chatwoot.requests("POST", ".*/messages")).hasSize(2);
  }

  @Test
  void aRetryOrAnotherRunLooksBeforePostingTheFirstMessagesOfANewConversation() {
    ConversationRequest conversation = conversationRequest();
    // The first message's response is lost after Chatwoot stored it: the retry must look.
    Runnable unhook =
        chatwoot.onRequest(
            r -> {
              if (r.method().equals("POST") && r.path().endsWith("/conversations")) {
                chatwoot.faults().loseNextWriteResponses(1);
              }
            });
    ConversationRef created;
    try {
      created =
          harness.run(
              ChatwootActivities.class,
              ConversationRef.class,
              a -> {
                ConversationRef opened = a.openConversation(conversation);
                a.postMessages(
                    new PostMessagesRequest(
                        1, opened.conversationId(), CALL_MESSAGES, opened.createdInRun()));
                return opened;
              });
    } finally {
      unhook.run();
    }
    // The same step again in another run, as after a reset from the Temporal UI.
    harness.run(
        ChatwootActivities.class,
        List.class,
        a ->
            a.postMessages(
                new PostMessagesRequest(
                    1, created.conversationId(), CALL_MESSAGES, created.createdInRun())));

    assertThat(created.createdInRun()).isNotNull();
    assertThat(chatwoot.messages(created.conversationId()))
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly("call:c1:summary", "call:c1:details");
    assertThat(chatwoot.requests("GET", ".*/messages"))
        .as("the retry and the other run looked")
        .hasSize(2);
  }

  @Test
  void anAttemptStartsNoWriteItCouldNotFinishBeforeItsRetryLooks() {
    ConversationRef conversation = openConversation();
    List<OutgoingMessage> messages =
        List.of(
            new OutgoingMessage("call:c2:summary", "Summary", false),
            new OutgoingMessage("call:c2:transcript", "Transcript", false),
            new OutgoingMessage("call:c2:details", "Details", true),
            new OutgoingMessage("call:c2:recording", "Recording", true));
    // Four 3 s writes take 12 s, past the harness's 10 s attempt timeout. Without the deadline
    // check
    // the fourth post lands after the retry has looked, and is posted twice.
    chatwoot.faults().writeLatency(Duration.ofSeconds(3));

    harness.run(
        ChatwootActivities.class,
        List.class,
        a -> a.postMessages(new PostMessagesRequest(1, conversation.conversationId(), messages)));

    assertThat(chatwoot.messages(conversation.conversationId()))
        .extracting(m -> EngineMark.keyOf(m).orElseThrow())
        .containsExactly(
            "call:c2:summary", "call:c2:transcript", "call:c2:details", "call:c2:recording");
    assertThat(chatwoot.requests("POST", ".*/messages")).hasSize(4);
  }

  @Test
  void readingTheConversationSeesCustomerAndAgentButNotTheEngine() {
    ConversationRef conversation = openConversation();
    harness.run(
        ChatwootActivities.class,
        List.class,
        a ->
            a.postMessages(
                new PostMessagesRequest(
                    1,
                    conversation.conversationId(),
                    List.of(new OutgoingMessage("call:c1:summary", "Summary", false)))));

    ConversationSnapshot quiet = read(conversation);
    assertThat(quiet.lastCustomerMessageAt()).isNull();
    assertThat(quiet.lastAgentMessageAt())
        .as("the engine's own message is no agent reply")
        .isNull();

    chatwoot.customerWrites(conversation.conversationId(), "hello?");
    chatwoot.agentWrites(conversation.conversationId(), "hi!");
    ConversationSnapshot busy = read(conversation);
    assertThat(busy.lastCustomerMessageAt()).isNotNull();
    assertThat(busy.lastAgentMessageAt()).isNotNull();
  }

  @Test
  void handingOverAssignsOpensAndLabelsOnce() {
    ConversationRef conversation = openConversation();
    chatwoot.changeStatus(conversation.conversationId(), "pending");
    HandoverRequest handover =
        new HandoverRequest(
            1, conversation.conversationId(), ChatwootSandbox.TEAM_ID, null, "escalated");

    handOver(handover);
    int writes = writes();
    handOver(handover);

    JsonNode after = chatwoot.conversation(conversation.conversationId());
    assertThat(after.path("meta").path("team").path("id").asLong())
        .isEqualTo(ChatwootSandbox.TEAM_ID);
    assertThat(after.path("status").asString()).isEqualTo("open");
    assertThat(after.path("labels")).extracting(JsonNode::asString).containsExactly("escalated");
    assertThat(writes()).as("a second hand-over writes nothing").isEqualTo(writes);
  }

  @Test
  void handingOverToATeamTheAccountDoesNotHaveIsARefusalNotAnEscalationToNobody() {
    ConversationRef conversation = openConversation();
    HandoverRequest handover =
        new HandoverRequest(1, conversation.conversationId(), 99L, null, "escalated");

    // Chatwoot answers 200 with null for a team it does not have, and clears the team.
    assertThatThrownBy(() -> handOver(handover))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("has no team 99")
        .satisfies(failure -> assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue());
  }

  @Test
  void everyRequestMatchesChatwootsPublishedSpec() {
    OpenApiContract spec = SharedContracts.assumeChatwoot();
    ContactRef contact = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana Whitfield", null));
    harness.run(
        ChatwootActivities.class,
        String.class,
        a ->
            a.ensureContactInbox(
                new ContactInboxRequest(
                    1, contact.contactId(), INBOX, "handoff-journey-14155550123")));
    ConversationRequest plain = conversationRequest();
    ConversationRef conversation =
        harness.run(
            ChatwootActivities.class,
            ConversationRef.class,
            a ->
                a.openConversation(
                    new ConversationRequest(
                        plain.accountId(),
                        plain.inboxId(),
                        plain.contactId(),
                        plain.sourceId(),
                        plain.journeyId(),
                        plain.callId(),
                        new OutgoingMessage("k0", "Summary", false),
                        null)));
    harness.run(
        ChatwootActivities.class,
        List.class,
        a ->
            a.postMessages(
                new PostMessagesRequest(
                    1,
                    conversation.conversationId(),
                    List.of(
                        new OutgoingMessage("k", "Transcript", false),
                        new OutgoingMessage("k2", "Details", true)))));
    read(conversation);
    chatwoot.changeStatus(conversation.conversationId(), "pending"); // so the hand-over opens it
    harness.run(
        ChatwootActivities.class,
        Void.class,
        a -> {
          a.handOver(
              new HandoverRequest(
                  1, conversation.conversationId(), ChatwootSandbox.TEAM_ID, null, "escalated"));
          return null;
        });
    harness.run(
        ChatwootActivities.class,
        Void.class,
        a -> {
          a.handOver(
              new HandoverRequest(
                  1, conversation.conversationId(), null, ChatwootSandbox.AGENT_ID, "vip"));
          return null;
        });

    java.util.Set<String> operations = new java.util.TreeSet<>();
    for (RecordedRequest request : chatwoot.requests()) {
      assertThat(ChatwootRequests.violations(spec, request))
          .as(request.method() + " " + request.path())
          .isEmpty();
      operations.add(request.method() + " " + request.path().replaceAll("/\\d+", "/{id}"));
    }
    assertThat(operations)
        .as("every call the Chatwoot activities make")
        .contains(
            "GET /api/v1/accounts/{id}/contacts/search",
            "POST /api/v1/accounts/{id}/contacts",
            "GET /api/v1/accounts/{id}/contacts/{id}",
            "GET /api/v1/accounts/{id}/contacts/{id}/conversations",
            "POST /api/v1/accounts/{id}/conversations",
            "GET /api/v1/accounts/{id}/conversations/{id}",
            "GET /api/v1/accounts/{id}/conversations/{id}/messages",
            "POST /api/v1/accounts/{id}/conversations/{id}/messages",
            "POST /api/v1/accounts/{id}/conversations/{id}/toggle_status",
            "POST /api/v1/accounts/{id}/conversations/{id}/assignments",
            "POST /api/v1/accounts/{id}/conversations/{id}/labels");
    System.out.printf(
        "Chatwoot requests of the activities validated against the spec: %d (%d operations)%n",
        chatwoot.requests().size(), operations.size());
  }

  @Test
  void theContactInboxCallTheSpecLacksIsCheckedByHand() {
    OpenApiContract spec = SharedContracts.assumeChatwoot();
    String path = "/api/v1/accounts/1/contacts/5/contact_inboxes";
    assertThat(
            ChatwootRequests.violations(
                spec, "POST", path, "{\"inbox_id\":7,\"source_id\":\"handoff-x\"}"))
        .isEmpty();
    assertThat(ChatwootRequests.violations(spec, "POST", path, "{\"source_id\":\"handoff-x\"}"))
        .isNotEmpty();
    assertThat(
            ChatwootRequests.violations(
                spec, "POST", "/api/v1/accounts/1/conversations", "{\"inbox_id\":\"seven\"}"))
        .isNotEmpty();
  }

  private int writes() {
    return (int) chatwoot.requests().stream().filter(r -> !r.method().equals("GET")).count();
  }

  /** Each request the sandbox got, as method and path with its ids elided. */
  private List<String> requestsMade() {
    return chatwoot.requests().stream()
        .map(r -> r.method() + " " + r.path().replaceAll("/\\d+", "/{id}"))
        .toList();
  }

  private ContactRef findOrCreate(ContactRequest request) {
    return harness.run(
        ChatwootActivities.class, ContactRef.class, a -> a.findOrCreateContact(request));
  }

  private ConversationRef openConversation() {
    ConversationRequest request = conversationRequest();
    return harness.run(
        ChatwootActivities.class, ConversationRef.class, a -> a.openConversation(request));
  }

  private ConversationRequest conversationRequest() {
    ContactRef contact = findOrCreate(new ContactRequest(1, INBOX, PHONE, "Dana", null));
    String sourceId =
        harness.run(
            ChatwootActivities.class,
            String.class,
            a ->
                a.ensureContactInbox(
                    new ContactInboxRequest(
                        1, contact.contactId(), INBOX, "handoff-journey-14155550123")));
    return new ConversationRequest(
        1, INBOX, contact.contactId(), sourceId, "journey-" + PHONE, "c1");
  }

  private ConversationSnapshot read(ConversationRef conversation) {
    return harness.run(
        ChatwootActivities.class,
        ConversationSnapshot.class,
        a -> a.readConversation(new ConversationLookup(1, conversation.conversationId())));
  }

  private void handOver(HandoverRequest handover) {
    harness.run(
        ChatwootActivities.class,
        Void.class,
        a -> {
          a.handOver(handover);
          return null;
        });
  }
}
