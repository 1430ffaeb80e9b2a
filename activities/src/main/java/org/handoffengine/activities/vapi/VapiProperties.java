package org.handoffengine.activities.vapi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Vapi settings ({@code handoff.vapi.*}; env {@code HANDOFF_VAPI_*}).
 *
 * @param apiKey private API key, sent as a bearer token
 * @param webhookSecret the secret Vapi sends with every server message, as {@code X-Vapi-Secret}
 *     or {@code Authorization: Bearer}
 * @param assistantId assistant that places follow-up calls
 * @param phoneNumberId number follow-up calls come from
 */
@Validated
@ConfigurationProperties("handoff.vapi")
public record VapiProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiKey,
    @NotBlank String webhookSecret,
    String assistantId,
    String phoneNumberId,
    @NotNull Duration timeout) {

  public VapiProperties {
    baseUrl = baseUrl == null ? URI.create("https://api.vapi.ai") : baseUrl;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
