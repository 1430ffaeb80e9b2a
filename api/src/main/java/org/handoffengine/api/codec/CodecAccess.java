package org.handoffengine.api.codec;

import org.handoffengine.api.web.TokenProtectedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The codec endpoint decrypts customers' data: it asks for the API token unless {@code
 * handoff.codec.require-token=false}.
 */
@Configuration(proxyBeanMethods = false)
public class CodecAccess {

  @Bean
  TokenProtectedPaths codecNeedsTheApiToken(CodecProperties codec) {
    return path -> codec.requireToken() && path.startsWith("/codec/");
  }
}
