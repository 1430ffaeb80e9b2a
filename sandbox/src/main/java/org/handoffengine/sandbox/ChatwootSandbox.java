package org.handoffengine.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's Application API on loopback, for one account with one API-channel inbox (more accounts,
 * each with its own inbox, through {@link #withAccount}): contacts
 * (search, create, contact-inboxes), conversations, messages, status, assignment and labels. It
 * enforces what the real API enforces where the engine could get it wrong: the {@code
 * api_access_token}, E.164 phone numbers, unique phone numbers and identifiers, source ids that
 * belong to the inbox. Answers use Chatwoot's response shapes (its jbuilder views).
 */
public class ChatwootSandbox extends SandboxServer {

  /** Chatwoot's contact phone validation. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

  private static final Pattern ACCOUNT_PATH = Pattern.compile("/api/v1/accounts/(\\d+)(/.*)");
  private static final Pattern CONTACT = Pattern.compile("/contacts/(\\d+)");
  private static final Pattern CONTACT_INBOXES = Pattern.compile("/contacts/(\\d+)/contact_inboxes");
  private static final Pattern CONTACT_CONVERSATIONS = Pattern.compile("/contacts/(\\d+)/conversations");
  private static final Pattern CONVERSATION = Pattern.compile("/conversations/(\\d+)");
  private static final Pattern INBOX_BOT = Pattern.compile("/inboxes/(\\d+)/(set_agent_bot|agent_bot)");
  private static final Pattern WEBHOOK = Pattern.compile("/webhooks/(\\d+)");
  private static final Pattern AGENT_BOT = Pattern.compile("/agent_bots/(\\d+)");
  private static final Pattern CONVERSATION_PART = Pattern.compile("/conversations/(\\d+)/(messages|toggle_status|assignments|labels)");

  /** The user the API token belongs to: the engine writes as this user. */
  public static final long TOKEN_USER_ID = 1;
  public static final long AGENT_ID = 2;
  public static final long TEAM_ID = 3;

  private final String apiToken;
  private final long apiInboxId = 7;
  /** Account id → its API inbox id. Contacts and conversations belong to one account. */
  private final Map<Long, Long> accountInboxes = new LinkedHashMap<>();
  private final Map<Long, Long> contactAccounts = new LinkedHashMap<>();
  /** Inboxes, account webhooks and agent bots, each carrying its account_id; what setup provisions. */
  private final Map<Long, ObjectNode> inboxes = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> webhooks = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> agentBots = new LinkedHashMap<>();
  private final Map<Long, Long> inboxAgentBots = new LinkedHashMap<>();
  private final ChatwootDashboardApps dashboardApps = new ChatwootDashboardApps(json);
  private long nextSetupId;
  /** The account of the request being handled (requests are handled under the sandbox's lock). */
  private long current;

  private final Map<Long, ObjectNode> contacts = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> conversations = new LinkedHashMap<>();
  private final Map<Long, List<ObjectNode>> messages = new LinkedHashMap<>();
  private long nextContactId;
  private long nextConversationId;
  private long nextMessageId;
  private boolean keepsContentAttributes = true;

  /** A non-administrator agent's token, when a test sets one ({@link #agentToken}). */
  private String agentToken;
  /** rack-attack's contact-search throttle: per account, fixed windows; 0 = off (development). */
  private int contactSearchLimit;
  private Duration contactSearchWindow = Duration.ofMinutes(1);
  private final Map<String, Integer> contactSearchCounts = new LinkedHashMap<>();
  private int contactSearchesThrottled;
  private final ChatwootDeliveries deliveries = new ChatwootDeliveries();

  public ChatwootSandbox(String apiToken, long accountId) {
    this.apiToken = apiToken;

    accountInboxes.put(accountId, apiInboxId);
    resetState();
  }

  /** A token of an agent (not an administrator) of every account: Pundit refuses it admin-only endpoints. */
  public synchronized ChatwootSandbox agentToken(String token) {
    this.agentToken = token;
    return this;
  }

  /**
   * Enforces rack-attack's {@code contacts/search} throttle as production Chatwoot does ({@code
   * RATE_LIMIT_CONTACT_SEARCH}, default 100 a minute per account): fixed windows, and above the
   * limit 429 with a {@code text/plain} body "Retry later" and no {@code Retry-After}.
   */
  public synchronized ChatwootSandbox limitContactSearches(int perWindow, Duration window) {
    this.contactSearchLimit = perWindow;
    this.contactSearchWindow = window;
    return this;
  }

  /** How many contact searches rack-attack refused. */
  public synchronized int contactSearchesThrottled() {
    return contactSearchesThrottled;
  }

  /** Plays a Chatwoot from before February 2026: deliveries carry no X-Chatwoot-Timestamp or signature. */
  public ChatwootSandbox signsNothing() {
    deliveries.signs(false);
    return this;
  }

  /**
   * The installation's {@code WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES} (e.g. account_webhook,
   * agent_bot_webhook) and {@code WEBHOOK_ALLOWED_PRIVATE_HOSTS}: without them Chatwoot delivers
   * nothing to a private or loopback address, and only logs it.
   */
  public ChatwootSandbox allowPrivateNetwork(Set<String> webhookTypes, Set<String> hosts) {
    deliveries.allowPrivateNetwork(webhookTypes, hosts);
    return this;
  }

  /** Chatwoot waits 3 s between bot delivery attempts; tests may shorten it. */
  public ChatwootSandbox botRetryWait(Duration wait) {
    deliveries.botRetryWait(wait);
    return this;
  }

  /** Plays a Chatwoot from before messages kept their {@code content_attributes}. */
  public synchronized ChatwootSandbox dropContentAttributes() {
    keepsContentAttributes = false;
    return this;
  }

  public long apiInboxId() {
    return apiInboxId;
  }

  /** Another account the token may use, with its own API inbox. */
  public synchronized ChatwootSandbox withAccount(long otherAccountId, long inboxId) {
    accountInboxes.put(otherAccountId, inboxId);
    inboxes.put(inboxId, inbox(inboxId, otherAccountId, "Voice calls"));
    return this;
  }

  public synchronized List<JsonNode> inboxes() {
    return List.copyOf(inboxes.values());
  }

  public synchronized List<JsonNode> webhooks() {
    return List.copyOf(webhooks.values());
  }

  public synchronized List<JsonNode> agentBots() {
    return List.copyOf(agentBots.values());
  }

  /** Every dashboard app, with its {@code account_id}. */
  public synchronized List<JsonNode> dashboardApps() {
    return dashboardApps.all();
  }

  /**
   * The conversation screen of the sandbox's web app, embedding the account's dashboard apps and
   * handing them their context as Chatwoot does; {@code ?agent_id=} picks the signed-in agent.
   */
  public String conversationPageUrl(long account, long conversationId) {
    return baseUrl() + "/app/accounts/" + account + "/conversations/" + conversationId;
  }

  /** The agent bot assigned to an inbox, if any. */
  public synchronized Long agentBotOf(long inboxId) {
    return inboxAgentBots.get(inboxId);
  }

  private ObjectNode inbox(long id, long account, String name) {
    ObjectNode inbox = json.createObjectNode();
    inbox.put("id", id);
    inbox.put("channel_id", id);
    inbox.put("name", name);
    inbox.put("channel_type", "Channel::Api");
    inbox.put("enable_auto_assignment", true);
    inbox.put("account_id", account);
    return inbox;
  }

  public synchronized List<JsonNode> conversationsInAccount(long account) {
    return conversations.values().stream().filter(c -> c.path("account_id").asLong() == account).map(c -> (JsonNode) c).toList();
  }

  private long inbox() {
    return accountInboxes.get(current);
  }

  private boolean inCurrentAccount(long contactId) {
    return contactAccounts.getOrDefault(contactId, -1L) == current;
  }

  @Override
  protected void resetState() {
    keepsContentAttributes = true;
    contactSearchCounts.clear();
    contactSearchesThrottled = 0;
    contacts.clear();
    contactAccounts.clear();
    webhooks.clear();
    agentBots.clear();
    inboxAgentBots.clear();
    dashboardApps.reset();
    inboxes.clear();
    accountInboxes.forEach((account, inboxId) -> inboxes.put(inboxId, inbox(inboxId, account, "Voice calls")));
    nextSetupId = 100;
    conversations.clear();
    messages.clear();
    nextContactId = 100;
    nextConversationId = 1;
    nextMessageId = 1000;
  }

  // --- What tests and the demo read -------------------------------------------------------------

  public synchronized List<JsonNode> contacts() {
    return List.copyOf(contacts.values());
  }

  public synchronized List<JsonNode> conversations() {
    return List.copyOf(conversations.values());
  }

  public synchronized List<JsonNode> messages(long conversationId) {
    return List.copyOf(messages.getOrDefault(conversationId, List.of()));
  }

  public synchronized List<JsonNode> messages() {
    return messages.values().stream().flatMap(List::stream).map(m -> (JsonNode) m).toList();
  }

  public synchronized List<JsonNode> contactsWithPhone(String phone) {
    return contacts.values().stream().filter(c -> phone.equals(c.path("phone_number").asString(null))).map(c -> (JsonNode) c).toList();
  }

  public synchronized List<JsonNode> conversationsOf(long contactId) {
    return conversations.values().stream().filter(c -> c.path("contact_id").asLong() == contactId).map(c -> (JsonNode) c).toList();
  }

  public synchronized JsonNode conversation(long conversationId) {
    return conversations.get(conversationId);
  }

  /** Contacts and conversations with their messages, for printing. */
  public synchronized JsonNode snapshot() {
    ObjectNode snapshot = json.createObjectNode();
    ArrayNode contactList = snapshot.putArray("contacts");
    contacts.values().forEach(c -> contactList.add(c.deepCopy()));
    ArrayNode conversationList = snapshot.putArray("conversations");
    for (ObjectNode conversation : conversations.values()) {
      ObjectNode copy = conversation.deepCopy();
      copy.remove("meta");
      ArrayNode list = copy.putArray("messages");
      messages.getOrDefault(conversation.get("id").asLong(), List.of()).forEach(list::add);
      conversationList.add(copy);
    }
    return snapshot;
  }

  // --- What people do in Chatwoot, and the webhook Chatwoot sends about it ----------------------

  /**
   * A customer starts a conversation in an account's API inbox on their own (not one of the
   * engine's): a contact, its place in the inbox and the conversation. Returns the conversation id.
   */
  public synchronized long startConversation(long account, String phone, String name) {
    long previous = current;
    current = account;
    try {
      ObjectNode contact = json.createObjectNode();
      long id = nextContactId++;
      contact.put("id", id);
      contact.put("name", name);
      contact.put("phone_number", phone);
      contact.putArray("contact_inboxes");
      contacts.put(id, contact);
      contactAccounts.put(id, account);
      String sourceId = addContactInbox(contact, UUID.randomUUID().toString()).get("source_id").asString();
      ObjectNode request = json.createObjectNode();
      request.put("source_id", sourceId);
      request.put("inbox_id", inbox());
      return ((ObjectNode) createConversation(request).body()).get("id").asLong();
    } finally {
      current = previous;
    }
  }

  /** The contact writes in the conversation; returns the {@code message_created} webhook. */
  public synchronized ObjectNode customerWrites(long conversationId, String content) {
    ObjectNode conversation = conversations.get(conversationId);
    ObjectNode contact = contacts.get(conversation.get("contact_id").asLong());
    ObjectNode sender = person(contact.get("id").asLong(), contact.path("name").asString(""), "contact");
    sender.put("phone_number", contact.path("phone_number").asString(null));
    return messageCreated(addMessage(conversation, content, 0, false, sender), conversation);
  }

  /** A human agent replies in the conversation; returns the {@code message_created} webhook. */
  public synchronized ObjectNode agentWrites(long conversationId, String content) {
    ObjectNode conversation = conversations.get(conversationId);
    return messageCreated(addMessage(conversation, content, 1, false, person(AGENT_ID, "Jordan (agent)", "user")), conversation);
  }

  /** The {@code message_created} webhook for a message already in the conversation (e.g. the engine's own). */
  public synchronized ObjectNode messageCreatedFor(long messageId) {
    for (ObjectNode conversation : conversations.values()) {
      for (ObjectNode message : messages.get(conversation.get("id").asLong())) {
        if (message.get("id").asLong() == messageId) {
          return messageCreated(message, conversation);
        }
      }
    }
    throw new IllegalArgumentException("no message " + messageId);
  }

  /** An agent changes the conversation's status; returns the {@code conversation_status_changed} webhook. */
  public synchronized ObjectNode changeStatus(long conversationId, String status) {
    ObjectNode conversation = conversations.get(conversationId);
    String previous = conversation.path("status").asString();
    conversation.put("status", status);
    touch(conversation);
    ObjectNode event = conversationWebhookData(conversation);
    event.put("event", "conversation_status_changed");
    ObjectNode change = event.putArray("changed_attributes").addObject().putObject("status");
    change.put("previous_value", previous);
    change.put("current_value", status);
    return event;
  }

  /** Conversation#updated_at as webhooks carry it: float seconds, strictly increasing here. */
  private void touch(ObjectNode conversation) {
    double now = Instant.now().toEpochMilli() / 1000.0;
    double last = conversation.path("updated_at").asDouble(0);
    conversation.put("updated_at", Math.max(now, last + 0.001));
  }

  // --- Chatwoot delivering its webhooks ---------------------------------------------------------

  /**
   * Delivers an event as Chatwoot would: once to every account webhook of the conversation's
   * account subscribed to it, and, where the conversation's inbox has an agent bot, to the bot's
   * {@code outgoing_url} (which gets {@code conversation_resolved}/{@code conversation_opened}
   * instead of status changes), retried after 429 or 500. A bot delivery that still fails moves a
   * pending conversation to open, with an activity message. Each target is signed with its own
   * secret. Returns every attempt made.
   */
  public List<ChatwootDeliveries.Attempt> deliver(JsonNode event) {
    String body = event.toString();
    String name = event.path("event").asString();
    long inboxId = event.has("conversation") ? event.path("conversation").path("inbox_id").asLong() : event.path("inbox_id").asLong();
    long conversationId = event.has("conversation") ? event.path("conversation").path("id").asLong() : event.path("id").asLong();
    List<ObjectNode> accountTargets;
    ObjectNode bot;
    String botBody = body;
    synchronized (this) {
      ObjectNode inbox = inboxes.get(inboxId);
      long account = inbox == null ? -1 : inbox.path("account_id").asLong();
      accountTargets = webhooks.values().stream()
          .filter(w -> w.path("account_id").asLong() == account)
          .filter(w -> iterable(w.path("subscriptions")).stream().anyMatch(e -> e.asString().equals(name)))
          .map(ObjectNode::deepCopy)
          .toList();
      Long botId = inboxAgentBots.get(inboxId);
      bot = botId == null ? null : agentBots.get(botId).deepCopy();
      if (bot != null && name.equals("conversation_status_changed")) {
        String status = event.path("status").asString();
        if (status.equals("resolved") || status.equals("open")) {
          ObjectNode renamed = ((ObjectNode) event).deepCopy();
          renamed.put("event", status.equals("resolved") ? "conversation_resolved" : "conversation_opened");
          renamed.remove("changed_attributes");
          botBody = renamed.toString();
        } else {
          bot = null;
        }
      } else if (bot != null && !List.of("message_created", "message_updated", "webwidget_triggered").contains(name)) {
        bot = null;
      }
    }
    List<ChatwootDeliveries.Attempt> attempts = new ArrayList<>();
    for (ObjectNode webhook : accountTargets) {
      attempts.add(deliveries.once("account_webhook", webhook.path("url").asString(), webhook.path("secret").asString(null), body));
    }
    if (bot != null && !bot.path("outgoing_url").asString("").isBlank()) {
      List<ChatwootDeliveries.Attempt> botAttempts =
          deliveries.withBotRetries(bot.path("outgoing_url").asString(), bot.path("secret").asString(null), botBody);
      attempts.addAll(botAttempts);
      int last = botAttempts.get(botAttempts.size() - 1).status();
      if (last < 200 || last >= 300) {
        botDeliveryFailed(conversationId);
      }
    }
    return attempts;
  }

  /** {@code Webhooks::Trigger#update_conversation_status}: the bot failed, a human must see it. */
  private synchronized void botDeliveryFailed(long conversationId) {
    ObjectNode conversation = conversations.get(conversationId);
    if (conversation != null && "pending".equals(conversation.path("status").asString())) {
      conversation.put("status", "open");
      touch(conversation);
      addMessage(conversation, "Agent bot failed to respond, conversation moved to open", 2, false, null);
      notifyAll();
    }
  }

  /**
   * An agent removes the assignee (the agent or the engine's escalation put there); returns the
   * {@code conversation_updated} webhook, its {@code changed_attributes} as BaseListener builds them.
   */
  public synchronized ObjectNode unassign(long conversationId) {
    ObjectNode conversation = conversations.get(conversationId);
    ObjectNode meta = (ObjectNode) conversation.get("meta");
    JsonNode previous = meta.path("assignee").path("id");
    meta.remove("assignee");
    touch(conversation);
    ObjectNode event = conversationWebhookData(conversation);
    event.put("event", "conversation_updated");
    ObjectNode change = event.putArray("changed_attributes").addObject().putObject("assignee_id");
    if (previous.isNumber()) {
      change.put("previous_value", previous.asLong());
    } else {
      change.putNull("previous_value");
    }
    change.putNull("current_value");
    return event;
  }

  /** Message webhook data: the message with its conversation, inbox and account (Message#webhook_data). */
  private ObjectNode messageCreated(ObjectNode message, ObjectNode conversation) {
    ObjectNode event = json.createObjectNode();
    event.put("event", "message_created");
    event.put("id", message.get("id").asLong());
    event.put("content", message.get("content").asString());
    event.put("created_at", Instant.ofEpochSecond(message.get("created_at").asLong()).toString());
    event.put("message_type", switch (message.get("message_type").asInt()) {
      case 0 -> "incoming";
      case 1 -> "outgoing";
      case 2 -> "activity";
      default -> "template";
    });
    event.put("content_type", "text");
    event.set("content_attributes", message.path("content_attributes").isObject() ? message.get("content_attributes").deepCopy() : json.createObjectNode());
    event.putNull("source_id");
    event.put("private", message.get("private").asBoolean());
    event.set("sender", webhookSender(message.get("sender")));
    event.set("conversation", conversationWebhookData(conversation));
    ObjectNode inbox = event.putObject("inbox");
    inbox.put("id", conversation.get("inbox_id").asLong());
    inbox.put("name", "Voice calls");
    ObjectNode account = event.putObject("account");
    account.put("id", conversation.get("account_id").asLong());
    account.put("name", "Sandbox support");
    return event;
  }

  /** The sender's webhook_data: a contact's has no {@code type} (Contact#webhook_data); users and bots keep theirs. */
  private ObjectNode webhookSender(JsonNode sender) {
    ObjectNode copy = sender == null || sender.isNull() ? json.createObjectNode() : (ObjectNode) sender.deepCopy();
    if ("contact".equals(copy.path("type").asString())) {
      copy.remove("type");
      copy.putObject("additional_attributes");
      copy.putObject("custom_attributes");
      copy.putNull("email");
      copy.putNull("identifier");
      copy.put("thumbnail", "");
      copy.put("blocked", false);
    }
    return copy;
  }

  /** Conversation webhook data (Conversations::EventDataPresenter): id is the display id. */
  private ObjectNode conversationWebhookData(ObjectNode conversation) {
    ObjectNode data = json.createObjectNode();
    for (String field : List.of("id", "inbox_id", "status", "custom_attributes", "additional_attributes", "labels", "meta", "created_at", "updated_at", "last_activity_at", "timestamp")) {
      if (conversation.has(field)) {
        data.set(field, conversation.get(field).deepCopy());
      }
    }
    return data;
  }

  // --- The API ----------------------------------------------------------------------------------

  @Override
  protected SandboxResponse handle(
      String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
    Matcher page = ChatwootConversationPage.PATH.matcher(path);
    if (method.equals("GET") && page.matches()) {
      // The web app signs agents in with a session, not the API token.
      return conversationPage(Long.parseLong(page.group(1)), Long.parseLong(page.group(2)), query.get("agent_id"));
    }
    String token = headers.get("api_access_token");
    ObjectNode bot = token == null ? null : agentBots.values().stream()
        .filter(b -> token.equals(b.path("access_token").asString(null))).findFirst().orElse(null);
    boolean administrator = apiToken.equals(token);
    if (!administrator && bot == null && (agentToken == null || !agentToken.equals(token))) {
      return unauthorized("Invalid Access Token");
    }
    if (path.equals("/api/v1/profile") && method.equals("GET")) {
      return bot != null ? unauthorized(BOT_REFUSAL) : SandboxResponse.ok(profile(administrator));
    }
    Matcher account = ACCOUNT_PATH.matcher(path);
    if (!account.matches()) {
      return notFound();
    }
    long accountId = Long.parseLong(account.group(1));
    if (!accountInboxes.containsKey(accountId) || (bot != null && bot.path("account_id").asLong() != accountId)) {
      return unauthorized("You are not authorized to access this account");
    }
    current = accountId;
    String rest = account.group(2);
    // AccessTokenAuthHelper::BOT_ACCESSIBLE_ENDPOINTS, then Pundit's administrator-only policies.
    if (bot != null && !botAccessible(method, rest)) {
      return unauthorized(BOT_REFUSAL);
    }
    if (!administrator && bot == null && administratorOnly(method, rest)) {
      return unauthorized("You are not authorized to do this action");
    }
    currentBot = bot;
    JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    Matcher m;
    if (method.equals("GET") && rest.equals("/contacts/search")) {
      SandboxResponse throttled = throttleContactSearch();
      return throttled != null ? throttled : searchContacts(query.getOrDefault("q", ""));
    }
    if ((m = INBOX.matcher(rest)).matches() && method.equals("GET")) {
      ObjectNode inbox = inboxes.get(Long.parseLong(m.group(1)));
      return inbox == null || inbox.path("account_id").asLong() != current ? notFound() : SandboxResponse.ok(withoutAccount(inbox));
    }
    if (method.equals("POST") && rest.equals("/contacts")) {
      return createContact(request);
    }
    if ((m = CONTACT_INBOXES.matcher(rest)).matches() && method.equals("POST")) {
      return createContactInbox(Long.parseLong(m.group(1)), request);
    }
    if ((m = CONTACT_CONVERSATIONS.matcher(rest)).matches() && method.equals("GET")) {
      return contactConversations(Long.parseLong(m.group(1)));
    }
    if (ChatwootDashboardApps.PATHS.matcher(rest).matches()) {
      return dashboardApps.handle(method, rest, request, current, TOKEN_USER_ID);
    }
    if ((m = CONTACT.matcher(rest)).matches() && method.equals("GET")) {
      ObjectNode contact = inCurrentAccount(Long.parseLong(m.group(1))) ? contacts.get(Long.parseLong(m.group(1))) : null;
      return contact == null ? notFound() : SandboxResponse.ok(Map.of("payload", contact));
    }
    if (rest.equals("/inboxes") || rest.equals("/webhooks") || rest.equals("/agent_bots")
        || INBOX_BOT.matcher(rest).matches() || WEBHOOK.matcher(rest).matches() || AGENT_BOT.matcher(rest).matches()) {
      return provisioning(method, rest, request);
    }
    if (method.equals("POST") && rest.equals("/conversations")) {
      return createConversation(request);
    }
    if ((m = CONVERSATION.matcher(rest)).matches() && method.equals("GET")) {
      ObjectNode conversation = conversationInAccount(Long.parseLong(m.group(1)));
      return conversation == null ? notFound() : SandboxResponse.ok(conversation);
    }
    if ((m = CONVERSATION_PART.matcher(rest)).matches()) {
      ObjectNode conversation = conversationInAccount(Long.parseLong(m.group(1)));
      if (conversation == null) {
        return notFound();
      }
      return switch (m.group(2) + " " + method) {
        case "messages GET" -> listMessages(conversation);
        case "messages POST" -> createMessage(conversation, request);
        case "toggle_status POST" -> toggleStatus(conversation, request);
        case "assignments POST" -> assign(conversation, request);
        case "labels POST" -> setLabels(conversation, request);
        case "labels GET" -> SandboxResponse.ok(Map.of("payload", conversation.get("labels")));
        default -> notFound();
      };
    }
    return notFound();
  }

  private SandboxResponse conversationPage(long account, long conversationId, String agentId) {
    ObjectNode conversation = conversations.get(conversationId);
    if (conversation == null || conversation.path("account_id").asLong() != account) {
      return SandboxResponse.status(404, Map.of("error", "Resource could not be found"));
    }
    long agent = agentId != null && agentId.matches("\\d+") ? Long.parseLong(agentId) : AGENT_ID;
    ObjectNode currentAgent = json.createObjectNode();
    currentAgent.put("id", agent);
    currentAgent.put("name", agent == AGENT_ID ? "Jordan (agent)" : agent == TOKEN_USER_ID ? "Handoff Engine" : "Agent " + agent);
    currentAgent.put("email", agent == AGENT_ID ? "jordan@sandbox.example" : "agent" + agent + "@sandbox.example");
    JsonNode contact = contacts.get(conversation.path("contact_id").asLong());
    List<JsonNode> list = messages.getOrDefault(conversationId, List.of()).stream().map(n -> (JsonNode) n).toList();
    List<JsonNode> apps = dashboardApps.ofAccount(account);
    return SandboxResponse.html(ChatwootConversationPage.render(json, conversation, contact, list, apps, currentAgent));
  }

  private static final String BOT_REFUSAL = "Access to this endpoint is not authorized for bots";
  private static final Pattern INBOX = Pattern.compile("/inboxes/(\\d+)/?");
  private static final Pattern BOT_ENDPOINTS = Pattern.compile(
      "POST /conversations|(PATCH|PUT) /conversations/\\d+|POST /conversations/\\d+/(toggle_status|toggle_priority|custom_attributes|messages|assignments)");

  /** The agent bot whose token the request being handled carries, or null for a user. */
  private ObjectNode currentBot;

  private static boolean botAccessible(String method, String rest) {
    return BOT_ENDPOINTS.matcher(method + " " + rest).matches();
  }

  private static boolean administratorOnly(String method, String rest) {
    return rest.startsWith("/webhooks") || rest.startsWith("/agent_bots")
        || (method.equals("POST") && (rest.equals("/inboxes") || rest.equals("/inboxes/") || rest.endsWith("/set_agent_bot")));
  }

  /** GET /api/v1/profile: the token's user with the accounts it belongs to and its role in each. */
  private ObjectNode profile(boolean administrator) {
    ObjectNode profile = json.createObjectNode();
    profile.put("id", administrator ? TOKEN_USER_ID : AGENT_ID);
    profile.put("name", administrator ? "Handoff Engine" : "Jordan (agent)");
    profile.put("email", administrator ? "engine@example.com" : "jordan@example.com");
    profile.put("role", administrator ? "administrator" : "agent");
    ArrayNode accounts = profile.putArray("accounts");
    for (Long account : accountInboxes.keySet()) {
      ObjectNode entry = accounts.addObject();
      entry.put("id", account);
      entry.put("name", "Sandbox support");
      entry.put("role", administrator ? "administrator" : "agent");
      entry.put("active_at", Instant.now().toString());
    }
    return profile;
  }

  private SandboxResponse throttleContactSearch() {
    if (contactSearchLimit <= 0) {
      return null;
    }
    String window = current + ":" + (System.currentTimeMillis() / contactSearchWindow.toMillis());
    int count = contactSearchCounts.merge(window, 1, Integer::sum);
    if (contactSearchCounts.size() > 100) {
      contactSearchCounts.keySet().removeIf(k -> !k.equals(window));
    }
    if (count <= contactSearchLimit) {
      return null;
    }
    contactSearchesThrottled++;
    return SandboxResponse.status(429, new SandboxResponse.Raw("text/plain", "Retry later\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  // --- What `setup` provisions: inboxes, account webhooks, agent bots ----------------------------

  private SandboxResponse provisioning(String method, String rest, JsonNode request) {
    Matcher m;
    if (rest.equals("/inboxes") && method.equals("GET")) {
      return SandboxResponse.ok(Map.of("payload", ofAccount(inboxes).stream().map(this::withoutAccount).toList()));
    }
    if (rest.equals("/inboxes") && method.equals("POST")) {
      String name = text(request, "name");
      if (name == null) {
        return invalid("Name can't be blank", "name");
      }
      if (!"api".equals(request.path("channel").path("type").asString(""))) {
        return invalid("Channel type is not supported by this sandbox", "channel");
      }
      ObjectNode inbox = inbox(nextSetupId++, current, name);
      inboxes.put(inbox.get("id").asLong(), inbox);
      return SandboxResponse.ok(withoutAccount(inbox));
    }
    if ((m = INBOX_BOT.matcher(rest)).matches()) {
      long inboxId = Long.parseLong(m.group(1));
      if (!inboxes.containsKey(inboxId) || inboxes.get(inboxId).path("account_id").asLong() != current) {
        return notFound();
      }
      if (m.group(2).equals("agent_bot") && method.equals("GET")) {
        ObjectNode bot = inboxAgentBots.containsKey(inboxId) ? agentBots.get(inboxAgentBots.get(inboxId)) : null;
        return SandboxResponse.ok(Map.of("agent_bot", bot == null ? json.createObjectNode() : bot));
      }
      if (m.group(2).equals("set_agent_bot") && method.equals("POST")) {
        if (request.path("agent_bot").isNull()) {
          inboxAgentBots.remove(inboxId);
          return SandboxResponse.status(200, null);
        }
        long botId = request.path("agent_bot").asLong();
        if (!agentBots.containsKey(botId)) {
          return notFound();
        }
        inboxAgentBots.put(inboxId, botId);
        return SandboxResponse.status(200, null); // head :ok, though the spec says 204
      }
      return notFound();
    }
    if (rest.equals("/webhooks") && method.equals("GET")) {
      return SandboxResponse.ok(Map.of("payload", Map.of("webhooks", ofAccount(webhooks))));
    }
    if (rest.equals("/webhooks") && method.equals("POST")) {
      ObjectNode webhook = json.createObjectNode();
      webhook.put("id", nextSetupId++);
      webhook.put("account_id", current);
      // has_secure_token :secret: generated by Chatwoot, shown by the API, never chosen by a client.
      webhook.put("secret", secureToken());
      SandboxResponse invalid = applyWebhook(webhook, request);
      if (invalid != null) {
        return invalid;
      }
      webhooks.put(webhook.get("id").asLong(), webhook);
      return SandboxResponse.ok(Map.of("payload", Map.of("webhook", webhook)));
    }
    if ((m = WEBHOOK.matcher(rest)).matches() && method.equals("PATCH")) {
      ObjectNode webhook = webhooks.get(Long.parseLong(m.group(1)));
      if (webhook == null || webhook.path("account_id").asLong() != current) {
        return notFound();
      }
      SandboxResponse invalid = applyWebhook(webhook, request);
      return invalid != null ? invalid : SandboxResponse.ok(Map.of("payload", Map.of("webhook", webhook)));
    }
    if (rest.equals("/agent_bots") && method.equals("GET")) {
      return SandboxResponse.ok(ofAccount(agentBots));
    }
    if (rest.equals("/agent_bots") && method.equals("POST")) {
      ObjectNode bot = json.createObjectNode();
      bot.put("id", nextSetupId++);
      bot.put("account_id", current);
      bot.put("bot_type", "webhook");
      bot.put("access_token", secureToken());
      bot.put("secret", secureToken());
      if (text(request, "name") == null) {
        return invalid("Name can't be blank", "name");
      }
      applyBot(bot, request);
      agentBots.put(bot.get("id").asLong(), bot);
      return SandboxResponse.ok(bot);
    }
    if ((m = AGENT_BOT.matcher(rest)).matches() && method.equals("PATCH")) {
      ObjectNode bot = agentBots.get(Long.parseLong(m.group(1)));
      if (bot == null || bot.path("account_id").asLong() != current) {
        return notFound();
      }
      applyBot(bot, request);
      return SandboxResponse.ok(bot);
    }
    return notFound();
  }

  private SandboxResponse applyWebhook(ObjectNode webhook, JsonNode request) {
    String url = text(request, "url");
    if (url == null || !url.matches("https?://.+")) {
      return invalid("Url is invalid", "url");
    }
    for (JsonNode subscription : iterable(request.path("subscriptions"))) {
      if (!List.of("conversation_created", "conversation_status_changed", "conversation_updated", "message_created",
          "message_updated", "contact_created", "contact_updated", "webwidget_triggered", "inbox_created", "inbox_updated",
          "conversation_typing_on", "conversation_typing_off")
          .contains(subscription.asString())) {
        return invalid("Subscriptions Invalid events", "subscriptions");
      }
    }
    webhook.put("url", url);
    webhook.put("name", text(request, "name"));
    webhook.set("subscriptions", request.path("subscriptions").isArray() ? request.get("subscriptions") : json.createArrayNode());
    return null;
  }

  private void applyBot(ObjectNode bot, JsonNode request) {
    for (String field : List.of("name", "description", "outgoing_url")) {
      if (request.has(field)) {
        bot.put(field, text(request, field));
      }
    }
  }

  private List<ObjectNode> ofAccount(Map<Long, ObjectNode> resources) {
    return resources.values().stream().filter(r -> r.path("account_id").asLong() == current).toList();
  }

  private ObjectNode withoutAccount(ObjectNode inbox) {
    ObjectNode copy = inbox.deepCopy();
    copy.remove("account_id");
    return copy;
  }

  private ObjectNode conversationInAccount(long id) {
    ObjectNode conversation = conversations.get(id);
    return conversation != null && conversation.path("account_id").asLong() == current ? conversation : null;
  }

  private List<ObjectNode> accountContacts() {
    return contacts.values().stream().filter(c -> inCurrentAccount(c.get("id").asLong())).toList();
  }

  private SandboxResponse searchContacts(String q) {
    String needle = q.toLowerCase(Locale.ROOT);
    List<ObjectNode> found =
        accountContacts().stream()
            .filter(c -> !needle.isEmpty())
            .filter(c -> List.of("name", "email", "phone_number", "identifier").stream()
                .anyMatch(f -> c.path(f).asString("").toLowerCase(Locale.ROOT).contains(needle)))
            .toList();
    return SandboxResponse.ok(Map.of("meta", Map.of("count", found.size(), "current_page", 1), "payload", found));
  }

  private SandboxResponse createContact(JsonNode request) {
    String phone = text(request, "phone_number");
    String identifier = text(request, "identifier");
    String email = text(request, "email");
    if (phone != null && !E164.matcher(phone).matches()) {
      return invalid("Phone number should be in e164 format", "phone_number");
    }
    if (phone != null && accountContacts().stream().anyMatch(c -> phone.equals(c.path("phone_number").asString(null)))) {
      return invalid("Phone number has already been taken", "phone_number");
    }
    if (identifier != null && accountContacts().stream().anyMatch(c -> identifier.equals(c.path("identifier").asString(null)))) {
      return invalid("Identifier has already been taken", "identifier");
    }
    if (email != null && accountContacts().stream().anyMatch(c -> email.equalsIgnoreCase(c.path("email").asString(""))) ) {
      return invalid("Email has already been taken", "email");
    }
    Long inboxId = request.hasNonNull("inbox_id") ? request.get("inbox_id").asLong() : null;
    if (inboxId != null && inboxId != inbox()) {
      return notFound();
    }
    ObjectNode contact = json.createObjectNode();
    long id = nextContactId++;
    contact.put("id", id);
    contact.put("name", text(request, "name"));
    contact.put("email", email);
    contact.put("phone_number", phone);
    contact.put("identifier", identifier);
    contact.put("availability_status", "offline");
    contact.put("thumbnail", "");
    contact.set("additional_attributes", request.path("additional_attributes").isObject() ? request.get("additional_attributes") : json.createObjectNode());
    contact.set("custom_attributes", request.path("custom_attributes").isObject() ? request.get("custom_attributes") : json.createObjectNode());
    contact.put("created_at", Instant.now().getEpochSecond());
    contact.putArray("contact_inboxes");
    contacts.put(id, contact);
    contactAccounts.put(id, current);
    ObjectNode contactInbox = null;
    if (inboxId != null) {
      contactInbox = addContactInbox(contact, UUID.randomUUID().toString());
    }
    ObjectNode payload = json.createObjectNode();
    payload.set("contact", contact);
    ObjectNode ci = payload.putObject("contact_inbox");
    ci.set("inbox", contactInbox == null ? null : contactInbox.get("inbox"));
    ci.put("source_id", contactInbox == null ? null : contactInbox.get("source_id").asString());
    return SandboxResponse.ok(Map.of("payload", payload));
  }

  private SandboxResponse createContactInbox(long contactId, JsonNode request) {
    ObjectNode contact = inCurrentAccount(contactId) ? contacts.get(contactId) : null;
    if (contact == null) {
      return notFound();
    }
    if (request.path("inbox_id").asLong() != inbox()) {
      return notFound();
    }
    String sourceId = text(request, "source_id") != null ? text(request, "source_id") : UUID.randomUUID().toString();
    boolean taken = contacts.values().stream()
        .flatMap(c -> iterable(c.path("contact_inboxes")).stream())
        .anyMatch(ci -> sourceId.equals(ci.path("source_id").asString()));
    if (taken) {
      return invalid("Source has already been taken", "source_id");
    }
    return SandboxResponse.ok(addContactInbox(contact, sourceId));
  }

  private ObjectNode addContactInbox(ObjectNode contact, String sourceId) {
    ObjectNode contactInbox = json.createObjectNode();
    contactInbox.put("source_id", sourceId);
    ObjectNode inbox = contactInbox.putObject("inbox");
    inbox.put("id", inbox());
    inbox.put("name", "Voice calls");
    inbox.put("channel_type", "Channel::Api");
    ((ArrayNode) contact.get("contact_inboxes")).add(contactInbox);
    return contactInbox;
  }

  private SandboxResponse contactConversations(long contactId) {
    if (!inCurrentAccount(contactId)) {
      return notFound();
    }
    return SandboxResponse.ok(Map.of("payload", conversationsOf(contactId)));
  }

  private SandboxResponse createConversation(JsonNode request) {
    String sourceId = text(request, "source_id");
    if (sourceId == null) {
      return notFound(); // ContactInbox.find_by!(source_id:)
    }
    ObjectNode contact =
        accountContacts().stream()
            .filter(c -> iterable(c.path("contact_inboxes")).stream()
                .anyMatch(ci -> sourceId.equals(ci.path("source_id").asString()) && ci.path("inbox").path("id").asLong() == inbox()))
            .findFirst()
            .orElse(null);
    if (contact == null || request.path("inbox_id").asLong(inbox()) != inbox()) {
      return notFound();
    }
    JsonNode firstMessage = request.path("message");
    if (firstMessage.isObject()) {
      // One transaction in Chatwoot: a message it refuses creates no conversation either.
      SandboxResponse refused = refusedMessage(firstMessage);
      if (refused != null) {
        return refused;
      }
    }
    long id = nextConversationId++;
    ObjectNode conversation = json.createObjectNode();
    conversation.put("id", id);
    conversation.put("account_id", current);
    conversation.put("inbox_id", inbox());
    conversation.put("contact_id", contact.get("id").asLong());
    // Conversation#determine_conversation_status: an inbox with an active bot starts it pending.
    conversation.put("status", inboxAgentBots.containsKey(inbox()) ? "pending"
        : request.hasNonNull("status") ? request.get("status").asString() : "open");
    conversation.set("custom_attributes", request.path("custom_attributes").isObject() ? request.get("custom_attributes") : json.createObjectNode());
    conversation.set("additional_attributes", json.createObjectNode());
    conversation.putArray("labels");
    conversation.put("created_at", Instant.now().getEpochSecond());
    conversation.put("last_activity_at", Instant.now().getEpochSecond());
    conversation.put("timestamp", Instant.now().getEpochSecond());
    touch(conversation);
    ObjectNode meta = conversation.putObject("meta");
    meta.set("sender", contact.deepCopy());
    meta.put("channel", "Channel::Api");
    conversations.put(id, conversation);
    messages.put(id, new ArrayList<>());
    // Chatwoot's conversation partial: `messages` holds the conversation's last message, if any.
    ObjectNode answer = conversation.deepCopy();
    ArrayNode last = answer.putArray("messages");
    if (firstMessage.isObject()) {
      last.add(((JsonNode) createMessage(conversation, firstMessage).body()).deepCopy());
    }
    return SandboxResponse.ok(answer);
  }

  /** Chatwoot's 422 for a message it will not store, or null. */
  private SandboxResponse refusedMessage(JsonNode request) {
    String content = text(request, "content");
    if (content == null) {
      return invalid("Content can't be blank", "content");
    }
    if (content.length() > 150_000) {
      return invalid("Content is too long (maximum is 150000 characters)", "content");
    }
    String type = request.hasNonNull("message_type") ? request.get("message_type").asString() : "outgoing";
    if (!type.equals("outgoing") && !type.equals("incoming")) {
      return invalid("Message type is not included in the list", "message_type");
    }
    return null;
  }

  private SandboxResponse listMessages(ObjectNode conversation) {
    List<ObjectNode> all = messages.get(conversation.get("id").asLong());
    List<ObjectNode> newest = all.subList(Math.max(0, all.size() - 20), all.size());
    return SandboxResponse.ok(Map.of(
        "meta", Map.of("labels", conversation.get("labels"), "contact_id", conversation.get("contact_id")),
        "payload", newest));
  }

  private SandboxResponse createMessage(ObjectNode conversation, JsonNode request) {
    SandboxResponse refused = refusedMessage(request);
    if (refused != null) {
      return refused;
    }
    String content = text(request, "content");
    String type = request.hasNonNull("message_type") ? request.get("message_type").asString() : "outgoing";
    ObjectNode sender =
        currentBot != null
            ? person(currentBot.path("id").asLong(), currentBot.path("name").asString(), "agent_bot")
            : type.equals("outgoing")
            ? person(TOKEN_USER_ID, "Handoff Engine", "user")
            : person(conversation.get("contact_id").asLong(), "contact", "contact");
    ObjectNode message = addMessage(conversation, content, type.equals("incoming") ? 0 : 1, request.path("private").asBoolean(false), sender);
    // Recent Chatwoot persists the content_attributes a message is created with; older versions
    // kept only in_reply_to and items.
    if (keepsContentAttributes && request.path("content_attributes").isObject()) {
      message.set("content_attributes", request.get("content_attributes").deepCopy());
    }
    return SandboxResponse.ok(message);
  }

  /** Adds a message as Chatwoot stores it and returns it in the API's shape. */
  protected ObjectNode addMessage(ObjectNode conversation, String content, int messageType, boolean privateNote, ObjectNode sender) {
    ObjectNode message = json.createObjectNode();
    message.put("id", nextMessageId++);
    message.put("content", content);
    message.put("inbox_id", conversation.get("inbox_id").asLong());
    message.put("conversation_id", conversation.get("id").asLong());
    message.put("message_type", messageType);
    message.put("content_type", "text");
    message.put("created_at", Instant.now().getEpochSecond());
    message.put("private", privateNote);
    message.putNull("source_id");
    message.putObject("content_attributes");
    message.set("sender", sender);
    messages.get(conversation.get("id").asLong()).add(message);
    conversation.put("last_activity_at", Instant.now().getEpochSecond());
    return message;
  }

  private SandboxResponse toggleStatus(ObjectNode conversation, JsonNode request) {
    String status = text(request, "status");
    if (status == null || !List.of("open", "resolved", "pending", "snoozed").contains(status)) {
      return invalid("Status is not included in the list", "status");
    }
    conversation.put("status", status);
    touch(conversation);
    return SandboxResponse.ok(Map.of("meta", Map.of(), "payload",
        Map.of("success", true, "current_status", status, "conversation_id", conversation.get("id").asLong())));
  }

  private SandboxResponse assign(ObjectNode conversation, JsonNode request) {
    ObjectNode meta = (ObjectNode) conversation.get("meta");
    if (request.hasNonNull("team_id")) {
      if (request.get("team_id").asLong() != TEAM_ID) {
        return notFound();
      }
      ObjectNode team = json.createObjectNode();
      team.put("id", TEAM_ID);
      team.put("name", "Support");
      meta.set("team", team);
      return SandboxResponse.ok(team);
    }
    if (request.hasNonNull("assignee_id")) {
      long assignee = request.get("assignee_id").asLong();
      if (assignee != AGENT_ID && assignee != TOKEN_USER_ID) {
        return notFound();
      }
      ObjectNode agent = person(assignee, assignee == AGENT_ID ? "Jordan (agent)" : "Handoff Engine", "user");
      meta.set("assignee", agent);
      return SandboxResponse.ok(agent);
    }
    return invalid("assignee_id or team_id is required", "assignee_id");
  }

  private SandboxResponse setLabels(ObjectNode conversation, JsonNode request) {
    ArrayNode labels = json.createArrayNode();
    iterable(request.path("labels")).forEach(l -> labels.add(l.asString()));
    conversation.set("labels", labels);
    return SandboxResponse.ok(Map.of("payload", labels));
  }

  // --- Helpers ----------------------------------------------------------------------------------

  protected ObjectNode person(long id, String name, String type) {
    ObjectNode person = json.createObjectNode();
    person.put("id", id);
    person.put("name", name);
    person.put("type", type);
    return person;
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asString("").isBlank() ? null : value.asString();
  }

  private static SandboxResponse invalid(String message, String attribute) {
    return SandboxResponse.status(422, Map.of("message", message, "attributes", List.of(attribute)));
  }

  private static SandboxResponse unauthorized(String error) {
    return SandboxResponse.status(401, Map.of("error", error));
  }

  private static String secureToken() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789";
    StringBuilder token = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private static SandboxResponse notFound() {
    return SandboxResponse.status(404, Map.of("error", "Resource could not be found"));
  }
}
