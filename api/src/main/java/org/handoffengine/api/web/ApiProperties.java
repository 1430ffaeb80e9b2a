package org.handoffengine.api.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.api.*}.
 *
 * @param token bearer token required by the journey API
 * @param maxBodySize largest webhook body accepted; larger ones answer 413
 */
@Validated
@ConfigurationProperties("handoff.api")
public record ApiProperties(@NotBlank String token, DataSize maxBodySize) {

  public ApiProperties {
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
  }
}
