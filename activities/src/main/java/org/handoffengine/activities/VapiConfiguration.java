package org.handoffengine.activities;

import org.handoffengine.activities.vapi.VapiActivitiesImpl;
import org.handoffengine.activities.vapi.VapiApi;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.handoffengine.workflows.vapi.VapiActivities;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VapiProperties.class)
public class VapiConfiguration {

  @Bean
  VapiApi vapiApi(RestClient.Builder builder, VapiProperties vapi) {
    return PlatformClients.create(
        VapiApi.class,
        builder,
        "Vapi",
        vapi.baseUrl().toString(),
        HttpHeaders.AUTHORIZATION,
        "Bearer " + vapi.apiKey(),
        vapi.timeout());
  }

  @Bean
  VapiActivities vapiActivities(
      VapiApi api,
      VapiProperties vapi,
      @Value("${handoff.journey.default-region:US}") String defaultRegion) {
    return new VapiActivitiesImpl(api, defaultRegion, vapi.timeout());
  }
}
