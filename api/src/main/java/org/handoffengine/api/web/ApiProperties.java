package org.handoffengine.api.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code handoff.api.*}. @param token bearer token required by the journey API */
@Validated
@ConfigurationProperties("handoff.api")
public record ApiProperties(@NotBlank String token) {}
