package org.handoffengine.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chatwoot's dashboard apps ({@code /api/v1/accounts/{id}/dashboard_apps}), as {@code
 * DashboardAppsController}, the {@code DashboardApp} model and its jbuilder partial have them: the
 * body is wrapped in {@code dashboard_app} (Rails' params wrapper also takes the bare {@code
 * title}/{@code content} Chatwoot's own front end sends), only {@code title} and {@code
 * content[].url}/{@code .type} are permitted, content must be a non-empty array of {@code {type:
 * "frame", url: "http(s)://..."}}, a failed validation answers 422, an app of another account 404,
 * and answers carry {@code id, title, content, created_at}. Called under the Chatwoot sandbox's
 * lock.
 */
final class ChatwootDashboardApps {

  static final Pattern PATHS = Pattern.compile("/dashboard_apps(?:/(\\d+))?");
  private static final Pattern SANE_URL = Pattern.compile("^https?://.+");

  private final ObjectMapper json;
  private final Map<Long, ObjectNode> apps = new LinkedHashMap<>();
  private long nextId = 1;

  ChatwootDashboardApps(ObjectMapper json) {
    this.json = json;
  }

  void reset() {
    apps.clear();
    nextId = 1;
  }

  /**
   * Every app of every account, with its {@code account_id} and {@code user_id} (not in the API's
   * answers).
   */
  List<JsonNode> all() {
    return apps.values().stream().map(app -> (JsonNode) app.deepCopy()).toList();
  }

  List<JsonNode> ofAccount(long account) {
    return apps.values().stream()
        .filter(app -> app.path("account_id").asLong() == account)
        .map(this::rendered)
        .toList();
  }

  SandboxResponse handle(String method, String rest, JsonNode request, long account, long userId) {
    Matcher m = PATHS.matcher(rest);
    if (!m.matches()) {
      return notFound();
    }
    if (m.group(1) == null) {
      return switch (method) {
        case "GET" -> SandboxResponse.ok(ofAccount(account));
        case "POST" -> create(request, account, userId);
        default -> notFound();
      };
    }
    ObjectNode app = apps.get(Long.parseLong(m.group(1)));
    if (app == null || app.path("account_id").asLong() != account) {
      return notFound();
    }
    return switch (method) {
      case "GET" -> SandboxResponse.ok(rendered(app));
      case "PATCH", "PUT" -> update(app, request);
      case "DELETE" -> {
        apps.remove(app.path("id").asLong());
        yield SandboxResponse.status(204, null);
      }
      default -> notFound();
    };
  }

  private SandboxResponse create(JsonNode request, long account, long userId) {
    JsonNode permitted = wrapped(request);
    if (permitted == null) {
      return SandboxResponse.status(
          400, Map.of("error", "param is missing or the value is empty: dashboard_app"));
    }
    ObjectNode app = json.createObjectNode();
    app.put("id", nextId);
    app.put("account_id", account);
    app.put("user_id", userId);
    app.put("created_at", Instant.now().toString());
    SandboxResponse invalid = apply(app, permitted);
    if (invalid != null) {
      return invalid;
    }
    apps.put(nextId++, app);
    return SandboxResponse.ok(rendered(app));
  }

  private SandboxResponse update(ObjectNode app, JsonNode request) {
    JsonNode permitted = wrapped(request);
    if (permitted == null) {
      return SandboxResponse.status(
          400, Map.of("error", "param is missing or the value is empty: dashboard_app"));
    }
    ObjectNode changed = app.deepCopy();
    SandboxResponse invalid = apply(changed, permitted);
    if (invalid != null) {
      return invalid;
    }
    app.setAll(changed);
    return SandboxResponse.ok(rendered(app));
  }

  /** {@code params.require(:dashboard_app)}, with the wrapper Rails applies to a bare JSON body. */
  private static JsonNode wrapped(JsonNode request) {
    if (request.path("dashboard_app").isObject()) {
      return request.get("dashboard_app");
    }
    return request.has("title") || request.has("content") ? request : null;
  }

  private SandboxResponse apply(ObjectNode app, JsonNode permitted) {
    if (permitted.has("title")) {
      app.put("title", permitted.path("title").asString(""));
    }
    if (permitted.has("content")) {
      ArrayNode content = json.createArrayNode();
      if (permitted.path("content").isArray()) {
        for (JsonNode item : permitted.get("content")) {
          ObjectNode kept =
              content.addObject(); // unpermitted keys are dropped, as strong parameters do
          for (String field : List.of("url", "type")) {
            if (item.has(field)) {
              kept.set(field, item.get(field));
            }
          }
        }
      }
      app.set("content", content);
    }
    if (app.path("title").asString("").isBlank()) {
      return invalid("Title can't be blank", "title");
    }
    if (!validContent(app.path("content"))) {
      return invalid("Content : Invalid data", "content");
    }
    return null;
  }

  private static boolean validContent(JsonNode content) {
    if (!content.isArray() || content.isEmpty()) {
      return false;
    }
    for (JsonNode item : content) {
      if (!"frame".equals(item.path("type").asString(null))
          || !item.path("url").isString()
          || !SANE_URL.matcher(item.path("url").asString()).matches()) {
        return false;
      }
    }
    return true;
  }

  private JsonNode rendered(ObjectNode app) {
    ObjectNode answer = json.createObjectNode();
    answer.set("id", app.get("id"));
    answer.set("title", app.get("title"));
    answer.set("content", app.get("content"));
    answer.set("created_at", app.get("created_at"));
    return answer;
  }

  private static SandboxResponse invalid(String message, String attribute) {
    return SandboxResponse.status(
        422, Map.of("message", message, "attributes", new ArrayList<>(List.of(attribute))));
  }

  private static SandboxResponse notFound() {
    return SandboxResponse.status(404, Map.of("error", "Resource could not be found"));
  }
}
