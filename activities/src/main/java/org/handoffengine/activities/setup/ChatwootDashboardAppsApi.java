package org.handoffengine.activities.setup;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's dashboard apps, the pages it embeds as tabs beside a conversation (not in Chatwoot's
 * published spec; shapes from {@code DashboardAppsController}, the {@code DashboardApp} model and
 * {@code _dashboard_app.json.jbuilder}).
 */
@HttpExchange(
    url = "/api/v1/accounts/{accountId}/dashboard_apps",
    accept = "application/json",
    contentType = "application/json")
public interface ChatwootDashboardAppsApi {

  /** {@code [{id, title, content: [{type, url}], created_at}, ...]}. */
  @GetExchange
  JsonNode list(@PathVariable long accountId);

  /** Body {@code {"dashboard_app": {"title", "content": [{"type": "frame", "url"}]}}}. */
  @PostExchange
  JsonNode create(@PathVariable long accountId, @RequestBody Map<String, Object> app);

  @PatchExchange("/{appId}")
  JsonNode update(
      @PathVariable long accountId, @PathVariable long appId, @RequestBody Map<String, Object> app);
}
