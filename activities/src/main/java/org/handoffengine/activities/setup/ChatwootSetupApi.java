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
 * What {@code setup} reads and writes in Chatwoot: inboxes, account webhooks, agent bots (shapes
 * from chatwoot/chatwoot's swagger definitions and jbuilder views).
 */
@HttpExchange(
    url = "/api/v1/accounts/{accountId}",
    accept = "application/json",
    contentType = "application/json")
public interface ChatwootSetupApi {

  /** {@code {"payload": [inbox, ...]}}. */
  @GetExchange("/inboxes")
  JsonNode inboxes(@PathVariable long accountId);

  @PostExchange("/inboxes")
  JsonNode createInbox(@PathVariable long accountId, @RequestBody Map<String, Object> inbox);

  /** {@code {"agent_bot": {...}}}, empty when the inbox has none. */
  @GetExchange("/inboxes/{inboxId}/agent_bot")
  JsonNode inboxAgentBot(@PathVariable long accountId, @PathVariable long inboxId);

  @PostExchange("/inboxes/{inboxId}/set_agent_bot")
  void setInboxAgentBot(
      @PathVariable long accountId,
      @PathVariable long inboxId,
      @RequestBody Map<String, Object> body);

  /** {@code {"payload": {"webhooks": [...]}}}. */
  @GetExchange("/webhooks")
  JsonNode webhooks(@PathVariable long accountId);

  @PostExchange("/webhooks")
  JsonNode createWebhook(@PathVariable long accountId, @RequestBody Map<String, Object> webhook);

  @PatchExchange("/webhooks/{webhookId}")
  JsonNode updateWebhook(
      @PathVariable long accountId,
      @PathVariable long webhookId,
      @RequestBody Map<String, Object> webhook);

  /** {@code [agent_bot, ...]}. */
  @GetExchange("/agent_bots")
  JsonNode agentBots(@PathVariable long accountId);

  @PostExchange("/agent_bots")
  JsonNode createAgentBot(@PathVariable long accountId, @RequestBody Map<String, Object> bot);

  @PatchExchange("/agent_bots/{botId}")
  JsonNode updateAgentBot(
      @PathVariable long accountId, @PathVariable long botId, @RequestBody Map<String, Object> bot);
}
