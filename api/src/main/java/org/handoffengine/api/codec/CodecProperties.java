package org.handoffengine.api.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.codec.*}: the codec server the Temporal UI calls from the browser to show
 * decrypted journey payloads.
 *
 * @param allowedOrigins origins of the Temporal UI allowed to call the codec endpoint (CORS)
 * @param includeCredentials answer {@code Access-Control-Allow-Credentials: true}, for a UI set to
 *     send cookies cross-origin ({@code TEMPORAL_CODEC_INCLUDE_CREDENTIALS})
 * @param requireToken ask for {@code Authorization: Bearer <handoff.api.token>}; turn off only
 *     where the endpoint is reachable by nobody who may not read customers' data
 */
@ConfigurationProperties("handoff.codec")
public record CodecProperties(
    @DefaultValue("http://localhost:8080") List<String> allowedOrigins,
    @DefaultValue("false") boolean includeCredentials,
    @DefaultValue("true") boolean requireToken) {

  public CodecProperties {
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
