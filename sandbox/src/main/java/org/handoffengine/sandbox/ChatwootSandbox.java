package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.person;
import static org.handoffengine.sandbox.ChatwootAnswers.text;
import static org.handoffengine.sandbox.ChatwootAnswers.unauthorized;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's Application API on loopback, for one account with one API-channel inbox (more
 * accounts, each with its own inbox, through {@link #withAccount}): contacts (search, create,
 * contact-inboxes), conversations, messages, status, assignment and labels. It enforces what the
 * real API enforces where the engine could get it wrong: the {@code api_access_token}, E.164 phone
 * numbers, unique phone numbers and identifiers, source ids that belong to the inbox. Answers use
 * Chatwoot's response shapes (its jbuilder views).
 *
 * <p>This class authenticates, routes and plays the people and the webhook deliveries; each
 * resource is a class of its own ({@link ChatwootContacts}, {@link ChatwootConversations}, {@link
 * ChatwootMessages}, {@link ChatwootInboxes}, {@link ChatwootWebhooks}, {@link ChatwootAgentBots},
 * {@link ChatwootDashboardApps}, {@link ChatwootAccess} for the profile), all called under this
 * sandbox's lock.
 */
public class ChatwootSandbox extends SandboxServer {

  private static final Pattern ACCOUNT_PATH = Pattern.compile("/api/v1/accounts/(\\d+)(/.*)");
  private static final Pattern CONTACT = Pattern.compile("/contacts/(\\d+)");
  private static final Pattern CONTACT_INBOXES =
      Pattern.compile("/contacts/(\\d+)/contact_inboxes");
  private static final Pattern CONTACT_CONVERSATIONS =
      Pattern.compile("/contacts/(\\d+)/conversations");
  private static final Pattern CONVERSATION = Pattern.compile("/conversations/(\\d+)");
  private static final Pattern CONVERSATION_PART =
      Pattern.compile("/conversations/(\\d+)/(messages|toggle_status|assignments|labels)");

  /** The user the API token belongs to: the engine writes as this user. */
  public static final long TOKEN_USER_ID = 1;

  /** An agent of the Support team ({@link #TEAM_ID}). */
  public static final long AGENT_ID = 2;

  public static final long TEAM_ID = 3;

  /** An agent who is not in the Support team, as inbox auto-assignment may pick. */
  public static final long OUTSIDE_AGENT_ID = 4;

  /** The account's agents by id, or null for an id the account has no agent with. */
  static String agentName(long id) {
    if (id == AGENT_ID) {
      return "Jordan (agent)";
    }
    if (id == OUTSIDE_AGENT_ID) {
      return "Riley (agent)";
    }
    return id == TOKEN_USER_ID ? "Handoff Engine" : null;
  }

  /** The Support team's members: only Jordan. */
  static boolean inTeam(long agentId) {
    return agentId == AGENT_ID;
  }

  private final String apiToken;
  private final long apiInboxId = 7;

  /** A non-administrator agent's token, when a test sets one ({@link #agentToken}). */
  private String agentToken;

  /** The ids of what setup creates: inboxes, webhooks and agent bots count together. */
  private long nextSetupId;

  private final ChatwootAgentBots agentBots = new ChatwootAgentBots(json, this::nextSetupId);
  private final ChatwootInboxes inboxes = new ChatwootInboxes(json, this::nextSetupId, agentBots);
  private final ChatwootWebhooks webhooks = new ChatwootWebhooks(json, this::nextSetupId);
  private final ChatwootDashboardApps dashboardApps = new ChatwootDashboardApps(json);
  private final ChatwootContacts contacts = new ChatwootContacts(json);
  private final ChatwootMessages messages = new ChatwootMessages(json);
  private final ChatwootConversations conversations = new ChatwootConversations(json, messages);
  private final ChatwootWebhookEvents events = new ChatwootWebhookEvents(json);
  private final ChatwootDeliveries deliveries = new ChatwootDeliveries();

  public ChatwootSandbox(String apiToken, long accountId) {
    this.apiToken = apiToken;
    inboxes.addAccount(accountId, apiInboxId);
    resetState();
  }

  /**
   * A token of an agent (not an administrator) of every account: Pundit refuses it admin-only
   * endpoints.
   */
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
    contacts.limitSearches(perWindow, window);
    return this;
  }

  /** How many contact searches rack-attack refused. */
  public synchronized int contactSearchesThrottled() {
    return contacts.searchesThrottled();
  }

  /**
   * Plays a Chatwoot from before February 2026: deliveries carry no X-Chatwoot-Timestamp or
   * signature.
   */
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
    messages.dropContentAttributes();
    return this;
  }

  public long apiInboxId() {
    return apiInboxId;
  }

  /** Another account the token may use, with its own API inbox. */
  public synchronized ChatwootSandbox withAccount(long otherAccountId, long inboxId) {
    inboxes.addAccount(otherAccountId, inboxId);
    return this;
  }

  @Override
  protected void resetState() {
    contacts.reset();
    webhooks.reset();
    agentBots.reset();
    dashboardApps.reset();
    inboxes.reset();
    nextSetupId = 100;
    conversations.reset();
    messages.reset();
  }

  private long nextSetupId() {
    return nextSetupId++;
  }

  // --- What tests and the demo read -------------------------------------------------------------

  public synchronized List<JsonNode> inboxes() {
    return inboxes.all();
  }

  public synchronized List<JsonNode> webhooks() {
    return webhooks.all();
  }

  public synchronized List<JsonNode> agentBots() {
    return agentBots.all();
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
    return inboxes.agentBotOf(inboxId);
  }

  public synchronized List<JsonNode> conversationsInAccount(long account) {
    return conversations.ofAccount(account);
  }

  public synchronized List<JsonNode> contacts() {
    return contacts.all();
  }

  public synchronized List<JsonNode> conversations() {
    return conversations.all();
  }

  public synchronized List<JsonNode> messages(long conversationId) {
    return messages.of(conversationId);
  }

  public synchronized List<JsonNode> messages() {
    return messages.all();
  }

  public synchronized List<JsonNode> contactsWithPhone(String phone) {
    return contacts.withPhone(phone);
  }

  public synchronized List<JsonNode> conversationsOf(long contactId) {
    return conversations.ofContact(contactId);
  }

  public synchronized JsonNode conversation(long conversationId) {
    return conversations.get(conversationId);
  }

  /** Contacts and conversations with their messages, for printing. */
  public synchronized JsonNode snapshot() {
    ObjectNode snapshot = json.createObjectNode();
    ArrayNode contactList = snapshot.putArray("contacts");
    contacts.all().forEach(c -> contactList.add(c.deepCopy()));
    ArrayNode conversationList = snapshot.putArray("conversations");
    for (ObjectNode conversation : conversations.stored()) {
      ObjectNode copy = conversation.deepCopy();
      copy.remove("meta");
      ArrayNode list = copy.putArray("messages");
      messages.of(conversation.get("id").asLong()).forEach(list::add);
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
    long inbox = inboxes.apiInboxOf(account);
    ObjectNode contact = contacts.addWalkIn(account, inbox, phone, name);
    ObjectNode request = json.createObjectNode();
    request.put("inbox_id", inbox);
    SandboxResponse created =
        conversations.create(
            request, account, inbox, contact, inboxes.agentBotOf(inbox) != null, null);
    return ((ObjectNode) created.body()).get("id").asLong();
  }

  /** The contact writes in the conversation; returns the {@code message_created} webhook. */
  public synchronized ObjectNode customerWrites(long conversationId, String content) {
    ObjectNode conversation = conversations.get(conversationId);
    ObjectNode contact = contacts.get(conversation.get("contact_id").asLong());
    ObjectNode sender =
        person(json, contact.get("id").asLong(), contact.path("name").asString(""), "contact");
    sender.put("phone_number", contact.path("phone_number").asString(null));
    return events.messageCreated(
        messages.add(conversation, content, 0, false, sender), conversation);
  }

  /** A human agent replies in the conversation; returns the {@code message_created} webhook. */
  public synchronized ObjectNode agentWrites(long conversationId, String content) {
    ObjectNode conversation = conversations.get(conversationId);
    ObjectNode agent = person(json, AGENT_ID, agentName(AGENT_ID), "user");
    return events.messageCreated(
        messages.add(conversation, content, 1, false, agent), conversation);
  }

  /**
   * The {@code message_created} webhook for a message already in the conversation (e.g. the
   * engine's own).
   */
  public synchronized ObjectNode messageCreatedFor(long messageId) {
    ObjectNode message = messages.find(messageId);
    if (message == null) {
      throw new IllegalArgumentException("no message " + messageId);
    }
    return events.messageCreated(
        message, conversations.get(message.get("conversation_id").asLong()));
  }

  /**
   * An agent changes the conversation's status; returns the {@code conversation_status_changed}
   * webhook.
   */
  public synchronized ObjectNode changeStatus(long conversationId, String status) {
    ObjectNode conversation = conversations.get(conversationId);
    String previous = conversation.path("status").asString();
    conversation.put("status", status);
    ChatwootConversations.touch(conversation);
    return events.statusChanged(conversation, previous);
  }

  /**
   * An agent removes the assignee (the agent or the engine's escalation put there); returns the
   * {@code conversation_updated} webhook, its {@code changed_attributes} as BaseListener builds
   * them.
   */
  public synchronized ObjectNode unassign(long conversationId) {
    ObjectNode conversation = conversations.get(conversationId);
    ObjectNode meta = (ObjectNode) conversation.get("meta");
    JsonNode previous = meta.path("assignee").path("id");
    meta.remove("assignee");
    ChatwootConversations.touch(conversation);
    return events.assigneeRemoved(conversation, previous);
  }

  /**
   * The {@code conversation_updated} webhook Chatwoot sends after the conversation's last
   * assignment through the API, with what it changed (an assignee it cleared included).
   */
  public synchronized ObjectNode assignmentChanged(long conversationId) {
    return events.conversationUpdated(
        conversations.get(conversationId), conversations.changesOf(conversationId));
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
    long inboxId =
        event.has("conversation")
            ? event.path("conversation").path("inbox_id").asLong()
            : event.path("inbox_id").asLong();
    long conversationId =
        event.has("conversation")
            ? event.path("conversation").path("id").asLong()
            : event.path("id").asLong();
    List<ObjectNode> accountTargets;
    ObjectNode bot;
    String botBody = body;
    synchronized (this) {
      accountTargets = webhooks.subscribedTo(inboxes.accountOf(inboxId), name);
      Long botId = inboxes.agentBotOf(inboxId);
      bot = botId == null ? null : agentBots.get(botId).deepCopy();
      if (bot != null && name.equals("conversation_status_changed")) {
        String status = event.path("status").asString();
        if (status.equals("resolved") || status.equals("open")) {
          ObjectNode renamed = ((ObjectNode) event).deepCopy();
          renamed.put(
              "event", status.equals("resolved") ? "conversation_resolved" : "conversation_opened");
          renamed.remove("changed_attributes");
          botBody = renamed.toString();
        } else {
          bot = null;
        }
      } else if (bot != null
          && !List.of("message_created", "message_updated", "webwidget_triggered").contains(name)) {
        bot = null;
      }
    }
    List<ChatwootDeliveries.Attempt> attempts = new ArrayList<>();
    for (ObjectNode webhook : accountTargets) {
      attempts.add(
          deliveries.once(
              "account_webhook",
              webhook.path("url").asString(),
              webhook.path("secret").asString(null),
              body));
    }
    if (bot != null && !bot.path("outgoing_url").asString("").isBlank()) {
      List<ChatwootDeliveries.Attempt> botAttempts =
          deliveries.withBotRetries(
              bot.path("outgoing_url").asString(), bot.path("secret").asString(null), botBody);
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
      ChatwootConversations.touch(conversation);
      messages.add(
          conversation, "Agent bot failed to respond, conversation moved to open", 2, false, null);
      notifyAll();
    }
  }

  // --- The API ----------------------------------------------------------------------------------

  @Override
  protected SandboxResponse handle(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body) {
    Matcher page = ChatwootConversationPage.PATH.matcher(path);
    if (method.equals("GET") && page.matches()) {
      // The web app signs agents in with a session, not the API token.
      return conversationPage(
          Long.parseLong(page.group(1)), Long.parseLong(page.group(2)), query.get("agent_id"));
    }
    String token = headers.get("api_access_token");
    ObjectNode bot = agentBots.withToken(token);
    boolean administrator = apiToken.equals(token);
    if (!administrator && bot == null && (agentToken == null || !agentToken.equals(token))) {
      return unauthorized("Invalid Access Token");
    }
    if (path.equals("/api/v1/profile") && method.equals("GET")) {
      return bot != null
          ? unauthorized(ChatwootAccess.BOT_REFUSAL)
          : SandboxResponse.ok(ChatwootAccess.profile(json, administrator, inboxes.accounts()));
    }
    Matcher account = ACCOUNT_PATH.matcher(path);
    if (!account.matches()) {
      return notFound();
    }
    long accountId = Long.parseLong(account.group(1));
    if (!inboxes.hasAccount(accountId)
        || (bot != null && bot.path("account_id").asLong() != accountId)) {
      return unauthorized("You are not authorized to access this account");
    }
    String rest = account.group(2);
    if (bot != null && !ChatwootAccess.botAccessible(method, rest)) {
      return unauthorized(ChatwootAccess.BOT_REFUSAL);
    }
    if (!administrator && bot == null && ChatwootAccess.administratorOnly(method, rest)) {
      return unauthorized("You are not authorized to do this action");
    }
    JsonNode request =
        body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    return route(method, rest, query, request, accountId, bot);
  }

  /** An authorised request to the account's API ({@code rest} is the path after the account). */
  private SandboxResponse route(
      String method,
      String rest,
      Map<String, String> query,
      JsonNode request,
      long account,
      ObjectNode bot) {
    long inbox = inboxes.apiInboxOf(account);
    Matcher m;
    if (method.equals("GET") && rest.equals("/contacts/search")) {
      return contacts.search(query.getOrDefault("q", ""), account);
    }
    if (method.equals("POST") && rest.equals("/contacts")) {
      return contacts.create(request, account, inbox);
    }
    if ((m = CONTACT_INBOXES.matcher(rest)).matches() && method.equals("POST")) {
      return contacts.createContactInbox(Long.parseLong(m.group(1)), request, account, inbox);
    }
    if ((m = CONTACT_CONVERSATIONS.matcher(rest)).matches() && method.equals("GET")) {
      long contactId = Long.parseLong(m.group(1));
      return contacts.inAccount(contactId, account) == null
          ? notFound()
          : SandboxResponse.ok(Map.of("payload", conversations.ofContact(contactId)));
    }
    if ((m = CONTACT.matcher(rest)).matches() && method.equals("GET")) {
      return contacts.get(Long.parseLong(m.group(1)), account);
    }
    if (ChatwootDashboardApps.PATHS.matcher(rest).matches()) {
      return dashboardApps.handle(method, rest, request, account, TOKEN_USER_ID);
    }
    if (ChatwootInboxes.PATHS.matcher(rest).matches()) {
      return inboxes.handle(method, rest, request, account);
    }
    if (ChatwootWebhooks.PATHS.matcher(rest).matches()) {
      return webhooks.handle(method, rest, request, account);
    }
    if (ChatwootAgentBots.PATHS.matcher(rest).matches()) {
      return agentBots.handle(method, rest, request, account);
    }
    if (method.equals("POST") && rest.equals("/conversations")) {
      String sourceId = text(request, "source_id");
      // ContactInbox.find_by!(source_id:): 404 for a source id not in this inbox
      ObjectNode contact =
          sourceId == null ? null : contacts.withSourceId(sourceId, account, inbox);
      if (contact == null || request.path("inbox_id").asLong(inbox) != inbox) {
        return notFound();
      }
      return conversations.create(
          request, account, inbox, contact, inboxes.agentBotOf(inbox) != null, bot);
    }
    if ((m = CONVERSATION.matcher(rest)).matches() && method.equals("GET")) {
      ObjectNode conversation = conversations.inAccount(Long.parseLong(m.group(1)), account);
      return conversation == null ? notFound() : SandboxResponse.ok(conversation);
    }
    if ((m = CONVERSATION_PART.matcher(rest)).matches()) {
      ObjectNode conversation = conversations.inAccount(Long.parseLong(m.group(1)), account);
      return conversation == null
          ? notFound()
          : conversations.handlePart(m.group(2), method, conversation, request, bot);
    }
    return notFound();
  }

  private SandboxResponse conversationPage(long account, long conversationId, String agentId) {
    ObjectNode conversation = conversations.inAccount(conversationId, account);
    if (conversation == null) {
      return notFound();
    }
    long agent = agentId != null && agentId.matches("\\d+") ? Long.parseLong(agentId) : AGENT_ID;
    ObjectNode currentAgent = json.createObjectNode();
    currentAgent.put("id", agent);
    String name = agentName(agent);
    currentAgent.put("name", name != null ? name : "Agent " + agent);
    currentAgent.put(
        "email",
        agent == AGENT_ID ? "jordan@sandbox.example" : "agent" + agent + "@sandbox.example");
    JsonNode contact = contacts.get(conversation.path("contact_id").asLong());
    List<JsonNode> apps = dashboardApps.ofAccount(account);
    return SandboxResponse.html(
        ChatwootConversationPage.render(
            json, conversation, contact, messages.of(conversationId), apps, currentAgent));
  }
}
