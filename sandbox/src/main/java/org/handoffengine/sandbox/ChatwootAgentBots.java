package org.handoffengine.sandbox;

import static org.handoffengine.sandbox.ChatwootAnswers.invalid;
import static org.handoffengine.sandbox.ChatwootAnswers.notFound;
import static org.handoffengine.sandbox.ChatwootAnswers.secureToken;
import static org.handoffengine.sandbox.ChatwootAnswers.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's agent bots ({@code /agent_bots}): webhook bots with an {@code outgoing_url}, an access
 * token of their own and a signing secret, each of one account; what {@code setup} provisions for
 * the first responder. Called under the Chatwoot sandbox's lock.
 */
final class ChatwootAgentBots {

  static final Pattern PATHS = Pattern.compile("/agent_bots(?:/(\\d+))?");

  private final ObjectMapper json;
  private final LongSupplier ids;
  private final Map<Long, ObjectNode> bots = new LinkedHashMap<>();

  /**
   * @param ids the ids Chatwoot gives what setup creates (inboxes, webhooks, bots alike)
   */
  ChatwootAgentBots(ObjectMapper json, LongSupplier ids) {
    this.json = json;
    this.ids = ids;
  }

  void reset() {
    bots.clear();
  }

  List<JsonNode> all() {
    return List.copyOf(bots.values());
  }

  boolean exists(long id) {
    return bots.containsKey(id);
  }

  ObjectNode get(long id) {
    return bots.get(id);
  }

  /** The bot whose access token this is, or null. */
  ObjectNode withToken(String token) {
    return token == null
        ? null
        : bots.values().stream()
            .filter(b -> token.equals(b.path("access_token").asString(null)))
            .findFirst()
            .orElse(null);
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
                bots.values().stream()
                    .filter(b -> b.path("account_id").asLong() == account)
                    .toList());
        case "POST" -> create(request, account);
        default -> notFound();
      };
    }
    ObjectNode bot = bots.get(Long.parseLong(m.group(1)));
    if (!method.equals("PATCH") || bot == null || bot.path("account_id").asLong() != account) {
      return notFound();
    }
    apply(bot, request);
    return SandboxResponse.ok(bot);
  }

  private SandboxResponse create(JsonNode request, long account) {
    ObjectNode bot = json.createObjectNode();
    bot.put("id", ids.getAsLong());
    bot.put("account_id", account);
    bot.put("bot_type", "webhook");
    bot.put("access_token", secureToken());
    bot.put("secret", secureToken());
    if (text(request, "name") == null) {
      return invalid("Name can't be blank", "name");
    }
    apply(bot, request);
    bots.put(bot.get("id").asLong(), bot);
    return SandboxResponse.ok(bot);
  }

  private void apply(ObjectNode bot, JsonNode request) {
    for (String field : List.of("name", "description", "outgoing_url")) {
      if (request.has(field)) {
        bot.put(field, text(request, field));
      }
    }
  }
}
