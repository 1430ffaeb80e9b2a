package org.handoffengine.activities.setup;

import java.util.List;
import java.util.Map;
import org.handoffengine.activities.setup.SetupChange.Action;
import tools.jackson.databind.JsonNode;

/**
 * Registers the engine's journey panel as a dashboard app in a Chatwoot account: found by its URL
 * (any app framing the engine's panel path), else created; a title or URL that drifted (a new
 * credential, a moved engine, a hand edit) is put back. A second run changes nothing.
 */
public final class DashboardAppProvisioning {

  private final ChatwootDashboardAppsApi api;

  public DashboardAppProvisioning(ChatwootDashboardAppsApi api) {
    this.api = api;
  }

  /**
   * @param panelPath the panel's address without its query, e.g. {@code
   *     https://engine/chatwoot/panel}
   * @param panelUrl the full URL the account's app frames, credential included
   */
  public void provision(
      long account,
      String title,
      String panelPath,
      String panelUrl,
      boolean dryRun,
      List<SetupChange> changes) {
    String resource = "dashboard app \"" + title + "\" (account " + account + ")";
    List<Map<String, String>> content = List.of(Map.of("type", "frame", "url", panelUrl));
    Map<String, Object> desired =
        Map.of("dashboard_app", Map.of("title", title, "content", content));
    JsonNode existing = find(api.list(account), panelPath, title);
    if (existing == null) {
      long id = dryRun ? 0 : api.create(account, desired).path("id").asLong();
      changes.add(
          change(resource, Action.CREATE, (dryRun ? "" : "id " + id + ", ") + masked(panelUrl)));
      return;
    }
    long id = existing.path("id").asLong();
    JsonNode frames = existing.path("content");
    boolean same =
        title.equals(existing.path("title").asString(null))
            && frames.isArray()
            && frames.size() == 1
            && "frame".equals(frames.get(0).path("type").asString(null))
            && panelUrl.equals(frames.get(0).path("url").asString(null));
    if (same) {
      changes.add(change(resource, Action.KEEP, "id " + id));
      return;
    }
    if (!dryRun) {
      api.update(account, id, desired);
    }
    changes.add(change(resource, Action.UPDATE, "id " + id + ", " + masked(panelUrl)));
  }

  /**
   * The app framing the panel, else one with the panel's title (an app whose URL was edited by
   * hand).
   */
  private static JsonNode find(JsonNode apps, String panelPath, String title) {
    JsonNode byTitle = null;
    for (JsonNode app : apps) {
      for (JsonNode frame : app.path("content")) {
        String url = frame.path("url").asString("");
        if (url.equals(panelPath) || url.startsWith(panelPath + "?")) {
          return app;
        }
      }
      if (byTitle == null && title.equals(app.path("title").asString(null))) {
        byTitle = app;
      }
    }
    return byTitle;
  }

  private static SetupChange change(String resource, Action action, String detail) {
    return new SetupChange("chatwoot", resource, action, detail);
  }

  static String masked(String url) {
    return url.replaceAll("key=[^&]*", "key=***");
  }
}
