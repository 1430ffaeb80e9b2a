package org.handoffengine.api.codec;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The browser calls the codec endpoint directly from the Temporal UI's origin. CORS runs ahead of
 * the token check so preflights pass and a 401 still reaches the page readable.
 */
@Configuration(proxyBeanMethods = false)
public class CodecCors {

  @Bean
  FilterRegistrationBean<CorsFilter> codecCorsFilter(CodecProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of(HttpMethod.POST.name(), HttpMethod.OPTIONS.name()));
    cors.setAllowedHeaders(List.of("Content-Type", "X-Namespace", "Authorization"));
    cors.setAllowCredentials(properties.includeCredentials());
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", cors);
    FilterRegistrationBean<CorsFilter> registration =
        new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
