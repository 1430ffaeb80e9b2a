package org.handoffengine.activities.chatwoot;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * Who the API token belongs to, and what it may see: the engine's start-up check and {@code
 * setup}'s.
 */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface ChatwootProfileApi {

  /**
   * The token's user with {@code accounts[]} ({@code id}, {@code role}: administrator or agent). An
   * agent bot's token gets 401 "Access to this endpoint is not authorized for bots".
   */
  @GetExchange("/profile")
  JsonNode profile();

  /** The inbox, if the token's user may see it (agents see the inboxes they are members of). */
  @GetExchange("/accounts/{accountId}/inboxes/{inboxId}")
  JsonNode inbox(@PathVariable long accountId, @PathVariable long inboxId);
}
