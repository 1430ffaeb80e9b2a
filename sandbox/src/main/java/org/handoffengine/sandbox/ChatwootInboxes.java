package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accounts' inboxes ({@code /inboxes}): each account's API-channel inbox the engine writes to,
 * the inboxes {@code setup} creates, and the agent bot assigned to each ({@code set_agent_bot}).
 * Called under the Chatwoot sandbox's lock.
 */
final class ChatwootInboxes {

  static final Pattern PATHS =
      Pattern.compile("/inboxes(?:/(\\d+)(?:/?|/(set_agent_bot|agent_bot)))?");

  private final ObjectMapper json;
  private final LongSupplier ids;
  private final ChatwootAgentBots bots;

  /** Account id → its API inbox id: the accounts the token may use. Not forgotten on reset. */
  private final Map<Long, Long> accountInboxes = new LinkedHashMap<>();

  /** Every inbox, carrying its account_id (not in the API's answers). */
  private final Map<Long, ObjectNode> inboxes = new LinkedHashMap<>();

  private final Map<Long, Long> agentBotOf = new LinkedHashMap<>();

  /**
   * @param ids the ids Chatwoot gives what setup creates (inboxes, webhooks, bots alike)
   */
  ChatwootInboxes(ObjectMapper json, LongSupplier ids, ChatwootAgentBots bots) {
    this.json = json;
    this.ids = ids;
    this.bots = bots;
  }

  /** An account the token may use, with its API inbox. */
  void addAccount(long account, long inboxId) {
    accountInboxes.put(account, inboxId);
    inboxes.put(inboxId, inbox(inboxId, account, "Voice calls"));
  }

  /** Forgets what setup created: only the accounts' API inboxes stay, with no bot. */
  void reset() {
    agentBotOf.clear();
    inboxes.clear();
    accountInboxes.forEach(
        (account, inboxId) -> inboxes.put(inboxId, inbox(inboxId, account, "Voice calls")));
  }

  Set<Long> accounts() {
    return accountInboxes.keySet();
  }

  boolean hasAccount(long account) {
    return accountInboxes.containsKey(account);
  }

  long apiInboxOf(long account) {
    return accountInboxes.get(account);
  }

  /** The account an inbox belongs to, or -1 for no such inbox. */
  long accountOf(long inboxId) {
    ObjectNode inbox = inboxes.get(inboxId);
    return inbox == null ? -1 : inbox.path("account_id").asLong();
  }

  List<JsonNode> all() {
    return List.copyOf(inboxes.values());
  }

  /** The agent bot assigned to an inbox, or null. */
  Long agentBotOf(long inboxId) {
    return agentBotOf.get(inboxId);
  }

  SandboxResponse handle(String method, String rest, JsonNode request, long account) {
    Matcher m = PATHS.matcher(rest);
    if (!m.matches()) {
      return notFound();
    }
    if (m.group(1) == null) {
      return switch (method) {
        case "GET" ->
            SandboxResponse.ok(
                Map.of("payload", ofAccount(account).stream().map(this::withoutAccount).toList()));
        case "POST" -> create(request, account);
        default -> notFound();
      };
    }
    long inboxId = Long.parseLong(m.group(1));
    ObjectNode inbox = inboxes.get(inboxId);
    if (inbox == null || inbox.path("account_id").asLong() != account) {
      return notFound();
    }
    if (m.group(2) == null) {
      return method.equals("GET") ? SandboxResponse.ok(withoutAccount(inbox)) : notFound();
    }
    if (m.group(2).equals("agent_bot") && method.equals("GET")) {
      ObjectNode bot = agentBotOf.containsKey(inboxId) ? bots.get(agentBotOf.get(inboxId)) : null;
      return SandboxResponse.ok(Map.of("agent_bot", bot == null ? json.createObjectNode() : bot));
    }
    if (m.group(2).equals("set_agent_bot") && method.equals("POST")) {
      if (request.path("agent_bot").isNull()) {
        agentBotOf.remove(inboxId);
        return SandboxResponse.status(200, null);
      }
      long botId = request.path("agent_bot").asLong();
      if (!bots.exists(botId)) {
        return notFound();
      }
      agentBotOf.put(inboxId, botId);
      return SandboxResponse.status(200, null); // head :ok, though the spec says 204
    }
    return notFound();
  }

  private SandboxResponse create(JsonNode request, long account) {
    String name = text(request, "name");
    if (name == null) {
      return invalid("Name can't be blank", "name");
    }
    if (!"api".equals(request.path("channel").path("type").asString(""))) {
      return invalid("Channel type is not supported by this sandbox", "channel");
    }
    ObjectNode inbox = inbox(ids.getAsLong(), account, name);
    inboxes.put(inbox.get("id").asLong(), inbox);
    return SandboxResponse.ok(withoutAccount(inbox));
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

  private List<ObjectNode> ofAccount(long account) {
    return inboxes.values().stream().filter(i -> i.path("account_id").asLong() == account).toList();
  }

  private ObjectNode withoutAccount(ObjectNode inbox) {
    ObjectNode copy = inbox.deepCopy();
    copy.remove("account_id");
    return copy;
  }
}
