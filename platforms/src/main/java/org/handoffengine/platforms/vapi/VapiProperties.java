package org.handoffengine.platforms.vapi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Vapi settings ({@code handoff.vapi.*}; env {@code HANDOFF_VAPI_*}).
 *
 * @param baseUrl Vapi's API
 * @param apiKey Vapi private API key, sent as a bearer token
 * @param webhookSecret the secret Vapi sends with every server message, as {@code X-Vapi-Secret} or
 *     {@code Authorization: Bearer}
 * @param assistantId assistant that places follow-up calls (follow-ups are off without it)
 * @param phoneNumberId Vapi number follow-up calls come from (follow-ups are off without it)
 * @param timeout per-request timeout for Vapi's API
 * @param hmac where Vapi's HMAC credential puts its signature and timestamp
 * @param tools the names under which the assistant calls the engine's tools, as configured in Vapi
 */
@Validated
@ConfigurationProperties("handoff.vapi")
public record VapiProperties(
    @NotNull @DefaultValue("https://api.vapi.ai") URI baseUrl,
    @NotBlank String apiKey,
    @NotBlank String webhookSecret,
    String assistantId,
    String phoneNumberId,
    @NotNull @DefaultValue("PT10S") Duration timeout,
    @DefaultValue Hmac hmac,
    @DefaultValue Tools tools) {

  /**
   * Vapi's HMAC credential.
   *
   * @param signatureHeader the header holding the hex HMAC-SHA256 of "{timestamp}.{raw body}",
   *     keyed with the webhook secret
   * @param timestampHeader the header holding the request's time, in seconds or milliseconds
   * @param window requests older or newer than this are replays
   */
  public record Hmac(
      @DefaultValue("x-signature") String signatureHeader,
      @DefaultValue("x-timestamp") String timestampHeader,
      @DefaultValue("PT5M") Duration window) {}

  /**
   * Tool names as the assistant's tools are configured in Vapi.
   *
   * @param escalate the tool that hands the caller to a person
   * @param lookup the tool that looks the caller up
   * @param scheduleCallback the tool that schedules a call back
   */
  public record Tools(
      @DefaultValue("escalateToHuman") String escalate,
      @DefaultValue("lookupCustomer") String lookup,
      @DefaultValue("scheduleCallback") String scheduleCallback) {}
}
