package org.handoffengine.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.handoffengine.api.chatwoot.ChatwootWebhookAuthenticator;
import org.handoffengine.api.codec.CodecProperties;
import org.handoffengine.api.panel.PanelOrigin;
import org.handoffengine.api.panel.PanelProperties;
import org.handoffengine.api.vapi.VapiWebhookAuthenticator;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What a {@code @WebMvcTest} of a webhook controller needs besides the controller, the problem
 * advice and the servlet filters the slice picks up itself: the platforms' authenticators (which
 * the filters call), the webhook meter on a simple registry, and the test profile's settings. The
 * journey gateway is the test's {@code @MockitoBean}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("test")
@TestPropertySource(
    properties = {
      "handoff.chatwoot.base-url=http://127.0.0.1:9",
      "handoff.chatwoot.inbox-id=7",
      "handoff.vapi.base-url=http://127.0.0.1:9"
    })
@Import(WebhookSlice.Beans.class)
// The routes the Vapi answers read: the gateway's side.
@MockitoBean(types = JourneyRoutes.class)
public @interface WebhookSlice {

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    ChatwootProperties.class,
    VapiProperties.class,
    JourneyProperties.class,
    ApiProperties.class,
    PanelProperties.class,
    CodecProperties.class
  })
  @Import({
    VapiWebhookAuthenticator.class,
    ChatwootWebhookAuthenticator.class,
    WebhookMeter.class,
    PanelOrigin.class
  })
  class Beans {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    /**
     * Which journey a conversation names, and the log filter's ids: plain-number mode, which asks
     * Temporal nothing.
     */
    @Bean
    CustomerJourneys customerJourneys() {
      return new CustomerJourneys(null, new PrivacyProperties(null, true), false);
    }
  }
}
