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
 * @param hmac where Vapi's HMAC credential puts its signature and timestamp
 * @param tools the names under which the assistant calls the engine's tools
 */
@Validated
@ConfigurationProperties("handoff.vapi")
public record VapiProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiKey,
    @NotBlank String webhookSecret,
    String assistantId,
    String phoneNumberId,
    @NotNull Duration timeout,
    Hmac hmac,
    Tools tools) {

  public VapiProperties {
    baseUrl = baseUrl == null ? URI.create("https://api.vapi.ai") : baseUrl;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    hmac = hmac == null ? new Hmac(null, null, null) : hmac;
    tools = tools == null ? new Tools(null, null, null) : tools;
  }

  /**
   * Vapi's HMAC credential: {@code signatureHeader} holds the hex HMAC-SHA256 of
   * "{timestamp}.{raw body}" keyed with the webhook secret; {@code timestampHeader} the time, in
   * seconds or milliseconds; requests older or newer than {@code window} are replays.
   */
  public record Hmac(String signatureHeader, String timestampHeader, Duration window) {
    public Hmac {
      signatureHeader = signatureHeader == null ? "x-signature" : signatureHeader;
      timestampHeader = timestampHeader == null ? "x-timestamp" : timestampHeader;
      window = window == null ? Duration.ofMinutes(5) : window;
    }
  }

  /** Tool names as the assistant's tools are configured in Vapi. */
  public record Tools(String escalate, String lookup, String scheduleCallback) {
    public Tools {
      escalate = escalate == null ? "escalateToHuman" : escalate;
      lookup = lookup == null ? "lookupCustomer" : lookup;
      scheduleCallback = scheduleCallback == null ? "scheduleCallback" : scheduleCallback;
    }
  }
}
