package org.handoffengine.sandbox;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every part of the Chatwoot sandbox answers alike: Rails' error shapes and request reading.
 */
final class ChatwootAnswers {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789";

  private ChatwootAnswers() {}

  /** A failed model validation: 422 with the message and the attribute. */
  static SandboxResponse invalid(String message, String attribute) {
    return SandboxResponse.status(
        422, Map.of("message", message, "attributes", List.of(attribute)));
  }

  static SandboxResponse unauthorized(String error) {
    return SandboxResponse.status(401, Map.of("error", error));
  }

  static SandboxResponse notFound() {
    return SandboxResponse.status(404, Map.of("error", "Resource could not be found"));
  }

  /** A request field as Rails' presence check sees it: null when missing, null or blank. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asString("").isBlank()
        ? null
        : value.asString();
  }

  static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /** A sender or assignee as the API shows one. */
  static ObjectNode person(ObjectMapper json, long id, String name, String type) {
    ObjectNode person = json.createObjectNode();
    person.put("id", id);
    person.put("name", name);
    person.put("type", type);
    return person;
  }

  /** Rails' {@code has_secure_token}: 24 characters of base58. */
  static String secureToken() {
    StringBuilder token = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
    }
    return token.toString();
  }
}
