package org.handoffengine.platforms.chatwoot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chatwoot settings ({@code handoff.chatwoot.*}; env {@code HANDOFF_CHATWOOT_*}).
 *
 * @param baseUrl your Chatwoot, e.g. {@code https://app.chatwoot.com} (the API path is added)
 * @param apiToken a user's access token ({@code api_access_token}): an agent who is a member of
 *     every inbox the engine writes in, or an administrator; {@code setup} needs an administrator.
 *     An agent bot's token cannot read contacts, conversations or messages, so start-up refuses it
 * @param accountId the Chatwoot account journeys of the default route write in
 * @param inboxId the API-channel inbox journeys open conversations in
 * @param timeout per-request timeout of a Chatwoot call
 * @param webhookSecret the engine's own secret, carried as {@code ?token=} in the webhook URLs
 *     {@code setup} registers; authenticates deliveries of targets whose signing secret is not set
 * @param signing {@code handoff.chatwoot.signing.<account-id>.account-webhook} / {@code
 *     .agent-bot}: the signing secret Chatwoot generated for that account's webhook / agent bot
 *     ({@code setup} prints them); once set, that target's deliveries must carry a valid {@code
 *     X-Chatwoot-Signature}
 * @param marks how the engine marks its own messages: {@code auto} (learned from Chatwoot's
 *     answers), {@code content-attributes}, {@code visible-tag}
 * @param contactSearchesPerMinute the contact step's budget per Chatwoot account. Chatwoot allows
 *     100 contact searches a minute per account ({@code RATE_LIMIT_CONTACT_SEARCH}) and above that
 *     answers 429 with no {@code Retry-After}; so each account's contact step runs on its own task
 *     queue ({@code handoff-contacts-<account-id>}) that the Temporal server holds to this rate for
 *     all workers together, and a burst of new callers waits in Temporal instead of turning into
 *     429s (journeys started before this setting existed keep the journeys queue; the embedded
 *     development server does not enforce the rate). Set it below your installation's limit
 */
@Validated
@ConfigurationProperties("handoff.chatwoot")
public record ChatwootProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiToken,
    @NotNull @Positive Long accountId,
    @NotNull @Positive Long inboxId,
    String webhookSecret,
    @DefaultValue("PT10S") Duration timeout,
    Map<Long, Signing> signing,
    @DefaultValue("auto") EngineMark.Mode marks,
    @Positive @DefaultValue("90") int contactSearchesPerMinute) {

  public ChatwootProperties {
    signing = signing == null ? Map.of() : Map.copyOf(signing);
  }

  /**
   * {@code handoff.chatwoot.signing.<account-id>.account-webhook} / {@code .agent-bot}: the {@code
   * secret} Chatwoot shows for that account's webhook and agent bot.
   */
  public record Signing(String accountWebhook, String agentBot) {}

  /** The signing secret of one target, or null when the engine has not been given it. */
  public String signingSecret(long account, boolean agentBot) {
    Signing secrets = signing.get(account);
    String secret =
        secrets == null ? null : agentBot ? secrets.agentBot() : secrets.accountWebhook();
    return secret == null || secret.isBlank() ? null : secret;
  }
}
