package org.handoffengine.workflows.journey;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.handoffengine.workflows.bot.FirstResponderActivities;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.handoffengine.workflows.chatwoot.ContactConversation;
import org.handoffengine.workflows.chatwoot.ContactConversationRequest;
import org.handoffengine.workflows.chatwoot.ContactRef;
import org.handoffengine.workflows.chatwoot.ConversationRef;
import org.handoffengine.workflows.chatwoot.ConversationRequest;
import org.handoffengine.workflows.chatwoot.ConversationSnapshot;
import org.handoffengine.workflows.chatwoot.PostMessagesRequest;
import org.handoffengine.workflows.journey.JourneySettings.ChatwootRoute;
import org.handoffengine.workflows.policy.CallingWindow;
import org.handoffengine.workflows.policy.EscalationPolicy;
import org.handoffengine.workflows.policy.FollowUpPolicy;
import org.handoffengine.workflows.policy.PlatformRetry;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.handoffengine.workflows.vapi.VapiActivities;

/**
 * A time-skipping Temporal with the journey worker and mocked platform activities. The clock starts
 * on Monday 2026-11-23 at 09:00 in New York, so calling-hour arithmetic in tests is exact.
 */
final class JourneyHarness implements AutoCloseable {

  static final Instant START = Instant.parse("2026-11-23T14:00:00Z");
  static final String PHONE = "+14155550123";

  /** The journey of {@link #PHONE}, named as the engine names it: by the number's keyed hash. */
  static final String JOURNEY_ID =
      JourneyIds.forCustomerKey(
          null, new CustomerKey("test-privacy-id-key-0123456789abcdef").of(PHONE));

  static final long CONVERSATION = 1234;
  static final long CONTACT = 42;

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final ChatwootActivities chatwoot =
      mock(ChatwootActivities.class, withSettings().withoutAnnotations());
  final VapiActivities vapi = mock(VapiActivities.class, withSettings().withoutAnnotations());
  final FirstResponderActivities bot =
      mock(FirstResponderActivities.class, withSettings().withoutAnnotations());

  /** Virtual times at which follow-up calls were placed. */
  final List<Instant> callsPlacedAt = new ArrayList<>();

  private final AtomicLong nextMessageId = new AtomicLong(5000);
  private final java.util.Map<ConversationRequest, ConversationRef> openings =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  private final AtomicInteger nextCall = new AtomicInteger(1);

  /** Start journeys with the search attributes the engine's starter sets (else none, as before). */
  boolean startWithSearchAttributes;

  JourneyHarness() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    JourneySearchAttributes.ALL.forEach(
        (name, type) ->
            env.registerSearchAttribute(
                name, IndexedValueType.valueOf("INDEXED_VALUE_TYPE_" + type)));
    client = env.getWorkflowClient();
    when(chatwoot.findOrCreateContact(any()))
        .thenReturn(new ContactRef(CONTACT, "Dana Whitfield", true));
    when(chatwoot.ensureContactInbox(any())).thenReturn("handoff-source");
    when(chatwoot.openConversation(any())).thenAnswer(call -> opened(call.getArgument(0)));
    when(chatwoot.findContactAndOpenConversation(any()))
        .thenAnswer(call -> contactAndConversation(call.getArgument(0)));
    when(chatwoot.postMessages(any()))
        .thenAnswer(
            call ->
                ((PostMessagesRequest) call.getArgument(0))
                    .messages().stream().map(m -> nextMessageId.getAndIncrement()).toList());
    when(chatwoot.readConversation(any()))
        .thenAnswer(call -> new ConversationSnapshot(CONVERSATION, "open", null, null));
    when(vapi.placeFollowUpCall(any()))
        .thenAnswer(
            call -> {
              callsPlacedAt.add(Instant.ofEpochMilli(env.currentTimeMillis()));
              return new PlacedCall("out-" + nextCall.getAndIncrement(), false);
            });
    Worker worker = env.newWorker(JourneyIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(JourneyWorkflowImpl.class);
    worker.registerActivitiesImplementations(chatwoot, vapi, bot);
    env.start();
  }

  static JourneySettings settings() {
    return settings(new CallingWindow(LocalTime.of(9, 0), LocalTime.of(18, 0)), 2_000);
  }

  static JourneySettings settings(CallingWindow window, int continueAsNewAfterEvents) {
    return new JourneySettings(
        new ChatwootRoute(1, 7),
        new FollowUpPolicy(
            true,
            Duration.ofHours(24),
            List.of(Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)),
            window,
            "America/New_York",
            Duration.ofHours(2),
            null,
            "assistant-1",
            "phone-number-1"),
        new EscalationPolicy(3L, null, "escalated", List.of("agent", "human", "representative")),
        new PlatformRetry(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
        continueAsNewAfterEvents,
        true);
  }

  /** Starts (or joins) the customer's journey with a call, as the webhook does. */
  JourneyWorkflow callEnded(
      String journeyId, String phone, CallReport report, JourneySettings settings) {
    JourneyWorkflow journey =
        client.newWorkflowStub(
            JourneyWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(journeyId)
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .setTypedSearchAttributes(
                    startWithSearchAttributes ? attributesAtStart(journeyId) : null)
                .build());
    var start = client.newSignalWithStartRequest();
    start.add(journey::run, new JourneyInput(journeyId, phone, settings, null));
    start.add(journey::callEnded, report);
    client.signalWithStart(start);
    return journey;
  }

  /** The first search attributes as the engine's starter sets them with the start. */
  static io.temporal.common.SearchAttributes attributesAtStart(String journeyId) {
    return io.temporal.common.SearchAttributes.newBuilder()
        .set(JourneySearchAttributes.STAGE, JourneyStage.RECORDING_CALL.name())
        .set(JourneySearchAttributes.ESCALATED, false)
        .set(JourneySearchAttributes.CUSTOMER_KEY, JourneyIds.customerPartOf(journeyId))
        .build();
  }

  JourneyWorkflow callEnded(CallReport report) {
    return callEnded(JOURNEY_ID, PHONE, report, settings());
  }

  JourneyWorkflow journey() {
    return client.newWorkflowStub(JourneyWorkflow.class, JOURNEY_ID);
  }

  /** Lets virtual time pass; the journey runs everything that falls due meanwhile. */
  void pass(Duration duration) {
    env.sleep(duration);
  }

  static CallReport inboundCall(String callId) {
    return new CallReport(
        callId,
        "inbound",
        PHONE,
        "Dana Whitfield",
        "customer-ended-call",
        "Dana asked about order 10423; it shipped to an old address.",
        "AI: Hi, this is Riley.\nUser: My order 10423 has not arrived.",
        START.minusSeconds(200),
        START.minusSeconds(60),
        0.16,
        "https://storage.vapi.ai/recording.wav",
        "phone-number-1",
        "assistant-1",
        false);
  }

  static CallReport followUpEnded(String callId, String endedReason, boolean doNotCall) {
    return new CallReport(
        callId,
        "outbound",
        PHONE,
        "Dana Whitfield",
        endedReason,
        null,
        null,
        null,
        null,
        null,
        null,
        "phone-number-1",
        "assistant-1",
        doNotCall);
  }

  /**
   * Chatwoot's answer to opening a conversation {@code ref}: with ids for the messages the request
   * asked to post in the same step, as the activity gives them.
   */
  ConversationRef opened(ConversationRequest request, ConversationRef ref) {
    if (request == null) {
      return ref; // Mockito stubbing again: the mock is called with any()'s null
    }
    openings.put(request, ref);
    return request.laterMessages() == null
        ? ref
        : ref.withLaterMessageIds(
            request.laterMessages().stream().map(m -> nextMessageId.getAndIncrement()).toList());
  }

  /**
   * The one-step opening of a journey without a contact, composed as the activity composes it from
   * the steps this mock answers (so a test stubs or verifies those steps either way).
   */
  private ContactConversation contactAndConversation(ContactConversationRequest request) {
    if (request == null) {
      return null; // Mockito stubbing
    }
    ContactRef contact = chatwoot.findOrCreateContact(request.contact());
    String sourceId =
        contact.inboxSourceId() != null
            ? contact.inboxSourceId()
            : chatwoot.ensureContactInbox(request.contactInboxOf(contact));
    return new ContactConversation(
        contact, chatwoot.openConversation(request.conversationOf(contact, sourceId)));
  }

  private ConversationRef opened(ConversationRequest request) {
    return opened(request, new ConversationRef(CONVERSATION, "open", true));
  }

  /**
   * Every batch of messages the journey sent to {@code conversationId}, in order: those that went
   * with the conversation's opening step, then those of {@link ChatwootActivities#postMessages}.
   */
  List<PostMessagesRequest> messagesSent() {
    List<PostMessagesRequest> sent = new ArrayList<>();
    for (var invocation : org.mockito.Mockito.mockingDetails(chatwoot).getInvocations()) {
      String method = invocation.getMethod().getName();
      if (method.equals("openConversation")) {
        ConversationRequest request = invocation.getArgument(0);
        ConversationRef ref = openings.get(request);
        if (request.laterMessages() != null && ref != null) {
          sent.add(
              new PostMessagesRequest(
                  request.accountId(),
                  ref.conversationId(),
                  request.laterMessages(),
                  ref.created() ? ref.createdInRun() : null));
        }
      } else if (method.equals("postMessages")) {
        sent.add(invocation.getArgument(0));
      }
    }
    return sent;
  }

  static ChatwootEvent message(long messageId, String content) {
    return new ChatwootEvent(
        "delivery-" + messageId, CONVERSATION, messageId, content, null, START);
  }

  static ChatwootEvent status(String deliveryId, String status) {
    return new ChatwootEvent(deliveryId, CONVERSATION, null, null, status, START);
  }

  @Override
  public void close() {
    env.close();
  }
}
