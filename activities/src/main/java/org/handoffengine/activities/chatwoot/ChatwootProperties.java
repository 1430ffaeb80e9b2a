package org.handoffengine.activities.chatwoot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Chatwoot settings ({@code handoff.chatwoot.*}; env {@code HANDOFF_CHATWOOT_*}).
 *
 * @param baseUrl the installation, e.g. https://app.chatwoot.com (the API path is added)
 * @param apiToken a user's access token, sent as {@code api_access_token}: an agent who is a member
 *     of every inbox the engine writes in, or an administrator. An agent bot's token cannot read
 *     contacts, conversations or messages, so it cannot run the engine (checked at start-up)
 * @param inboxId the API-channel inbox journeys open conversations in
 * @param webhookSecret the engine's own secret, carried as {@code ?token=} in the webhook URLs
 *     {@code setup} registers; authenticates deliveries of targets whose signing secret is not set
 * @param signing per account, the signing secrets Chatwoot generated for the account webhook and
 *     the agent bot ({@code setup} prints them); where one is set, that target's deliveries must
 *     carry a valid {@code X-Chatwoot-Signature}
 * @param marks how the engine marks its own messages, see {@link EngineMark}
 * @param contactSearchesPerMinute contact-step budget per account; Chatwoot allows 100 contact
 *     searches a minute per account ({@code RATE_LIMIT_CONTACT_SEARCH})
 */
@Validated
@ConfigurationProperties("handoff.chatwoot")
public record ChatwootProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiToken,
    @NotNull @Positive Long accountId,
    @NotNull @Positive Long inboxId,
    String webhookSecret,
    Duration timeout,
    Map<Long, Signing> signing,
    EngineMark.Mode marks,
    @Positive Integer contactSearchesPerMinute) {

  public ChatwootProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    signing = signing == null ? Map.of() : Map.copyOf(signing);
    marks = marks == null ? EngineMark.Mode.AUTO : marks;
    contactSearchesPerMinute = contactSearchesPerMinute == null ? 90 : contactSearchesPerMinute;
  }

  /**
   * {@code handoff.chatwoot.signing.<account-id>.account-webhook} / {@code .agent-bot}: the
   * {@code secret} Chatwoot shows for that account's webhook and agent bot.
   */
  public record Signing(String accountWebhook, String agentBot) {}

  /** The signing secret of one target, or null when the engine has not been given it. */
  public String signingSecret(long account, boolean agentBot) {
    Signing secrets = signing.get(account);
    String secret = secrets == null ? null : agentBot ? secrets.agentBot() : secrets.accountWebhook();
    return secret == null || secret.isBlank() ? null : secret;
  }
}
