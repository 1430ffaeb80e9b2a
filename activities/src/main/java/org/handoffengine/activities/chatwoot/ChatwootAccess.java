package org.handoffengine.activities.chatwoot;

import java.util.Collection;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks the API token against what the engine needs of it, with one answer that says which token
 * would do: not an agent bot's (a bot may not read contacts, conversations or messages), a user of
 * every account the engine writes in, who sees its inbox; for {@code setup}, an administrator.
 */
public final class ChatwootAccess {

  /** One account and the inbox journeys open conversations in there. */
  public record Place(long accountId, long inboxId) {}

  private final ChatwootProfileApi api;

  public ChatwootAccess(ChatwootProfileApi api) {
    this.api = api;
  }

  /**
   * What is wrong with the token for running journeys in these places, or empty when nothing is.
   *
   * @throws IllegalStateException when Chatwoot could not be asked (unreachable, 5xx): no verdict
   */
  public Optional<String> problemRunningJourneys(Collection<Place> places) {
    JsonNode profile;
    try {
      profile = api.profile();
    } catch (RuntimeException refused) {
      return Optional.of(refusal(refused));
    }
    for (Place place : places) {
      if (roleIn(profile, place.accountId()) == null) {
        return Optional.of(
            "handoff.chatwoot.api-token belongs to "
                + who(profile)
                + ", who is not a member of Chatwoot account "
                + place.accountId()
                + "; use the access token of a user of that account");
      }
      try {
        api.inbox(place.accountId(), place.inboxId());
      } catch (RuntimeException refused) {
        if (!String.valueOf(refused.getMessage()).matches("(?s).*answered 40[134].*")) {
          throw new IllegalStateException(
              "the Chatwoot API token could not be checked: " + refused.getMessage(), refused);
        }
        return Optional.of(
            "handoff.chatwoot.api-token belongs to "
                + who(profile)
                + ", who cannot see inbox "
                + place.inboxId()
                + " of account "
                + place.accountId()
                + " ("
                + refused.getMessage()
                + "); add that user to the inbox, or use an administrator's token");
      }
    }
    return Optional.empty();
  }

  /**
   * What is wrong with the token for {@code setup} in this account, or empty when it is an
   * administrator's.
   */
  public Optional<String> problemProvisioning(long accountId) {
    JsonNode profile;
    try {
      profile = api.profile();
    } catch (RuntimeException refused) {
      return Optional.of(refusal(refused));
    }
    String role = roleIn(profile, accountId);
    if (!"administrator".equals(role)) {
      return Optional.of(
          "setup needs an administrator's access token for Chatwoot account "
              + accountId
              + "; handoff.chatwoot.api-token belongs to "
              + who(profile)
              + (role == null ? ", who is not a member of it" : ", an " + role));
    }
    return Optional.empty();
  }

  private static String refusal(RuntimeException refused) {
    String message = String.valueOf(refused.getMessage());
    if (message.contains("not authorized for bots")) {
      return "handoff.chatwoot.api-token is an agent bot's token, which Chatwoot allows only to post messages and change conversations;"
          + " the engine also reads contacts, conversations and messages: use a user's access token (Profile settings → Access token)";
    }
    if (message.contains("401")) {
      return "Chatwoot does not accept handoff.chatwoot.api-token ("
          + message
          + "); use a user's access token (Profile settings → Access token)";
    }
    throw new IllegalStateException(
        "the Chatwoot API token could not be checked: " + message, refused);
  }

  private static String roleIn(JsonNode profile, long accountId) {
    for (JsonNode account : profile.path("accounts")) {
      if (account.path("id").asLong() == accountId) {
        return account.path("role").asString("agent");
      }
    }
    return null;
  }

  private static String who(JsonNode profile) {
    return "user " + profile.path("id").asLong() + " (" + profile.path("name").asString("?") + ")";
  }
}
