package org.handoffengine.api.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.api.*}.
 *
 * @param token bearer token of the journey API (and of the codec endpoint)
 * @param maxBodySize largest request body accepted on every path but the codec's (which takes up to
 *     16 MB of Temporal's payloads); larger ones answer 413
 */
@Validated
@ConfigurationProperties("handoff.api")
public record ApiProperties(@NotBlank String token, @DefaultValue("1MB") DataSize maxBodySize) {}
