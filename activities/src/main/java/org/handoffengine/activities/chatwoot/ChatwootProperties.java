package org.handoffengine.activities.chatwoot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Chatwoot settings ({@code handoff.chatwoot.*}; env {@code HANDOFF_CHATWOOT_*}).
 *
 * @param baseUrl the installation, e.g. https://app.chatwoot.com (the API path is added)
 * @param apiToken an agent's or bot's access token, sent as {@code api_access_token}
 * @param inboxId the API-channel inbox journeys open conversations in
 * @param webhookSecret verifies Chatwoot's webhooks (signature, or {@code token} query parameter)
 */
@Validated
@ConfigurationProperties("handoff.chatwoot")
public record ChatwootProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiToken,
    @NotNull @Positive Long accountId,
    @NotNull @Positive Long inboxId,
    String webhookSecret,
    Duration timeout) {

  public ChatwootProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
