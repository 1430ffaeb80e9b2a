package org.handoffengine.sandbox;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who a request's {@code api_access_token} is and what it may do: {@code
 * AccessTokenAuthHelper::BOT_ACCESSIBLE_ENDPOINTS} for agent bots, Pundit's administrator-only
 * policies for agents, and {@code GET /api/v1/profile}, the token's user with its accounts.
 */
final class ChatwootAccess {

  static final String BOT_REFUSAL = "Access to this endpoint is not authorized for bots";

  private static final Pattern BOT_ENDPOINTS =
      Pattern.compile(
          "POST /conversations|(PATCH|PUT) /conversations/\\d+|POST /conversations/\\d+/(toggle_status|toggle_priority|custom_attributes|messages|assignments)");

  private ChatwootAccess() {}

  /** Whether an agent bot's token may call this account-scoped route. */
  static boolean botAccessible(String method, String rest) {
    return BOT_ENDPOINTS.matcher(method + " " + rest).matches();
  }

  /** Whether only an administrator may call this account-scoped route. */
  static boolean administratorOnly(String method, String rest) {
    return rest.startsWith("/webhooks")
        || rest.startsWith("/agent_bots")
        || (method.equals("POST")
            && (rest.equals("/inboxes")
                || rest.equals("/inboxes/")
                || rest.endsWith("/set_agent_bot")));
  }

  /** GET /api/v1/profile: the token's user with the accounts it belongs to and its role in each. */
  static ObjectNode profile(ObjectMapper json, boolean administrator, Set<Long> accounts) {
    ObjectNode profile = json.createObjectNode();
    profile.put("id", administrator ? ChatwootSandbox.TOKEN_USER_ID : ChatwootSandbox.AGENT_ID);
    profile.put("name", administrator ? "Handoff Engine" : "Jordan (agent)");
    profile.put("email", administrator ? "engine@example.com" : "jordan@example.com");
    profile.put("role", administrator ? "administrator" : "agent");
    ArrayNode list = profile.putArray("accounts");
    for (Long account : accounts) {
      ObjectNode entry = list.addObject();
      entry.put("id", account);
      entry.put("name", "Sandbox support");
      entry.put("role", administrator ? "administrator" : "agent");
      entry.put("active_at", Instant.now().toString());
    }
    return profile;
  }
}
