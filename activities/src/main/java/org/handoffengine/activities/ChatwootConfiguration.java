package org.handoffengine.activities;

import org.handoffengine.activities.chatwoot.ChatwootActivitiesImpl;
import org.handoffengine.activities.chatwoot.ChatwootApi;
import org.handoffengine.activities.chatwoot.ChatwootProfileApi;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.handoffengine.platforms.chatwoot.EngineMark;
import org.handoffengine.workflows.chatwoot.ChatwootActivities;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatwootProperties.class)
public class ChatwootConfiguration {

  @Bean
  ChatwootApi chatwootApi(RestClient.Builder builder, ChatwootProperties chatwoot) {
    return PlatformClients.create(
        ChatwootApi.class,
        builder,
        "Chatwoot",
        chatwoot.baseUrl().toString(),
        "api_access_token",
        chatwoot.apiToken(),
        chatwoot.timeout());
  }

  @Bean
  ChatwootProfileApi chatwootProfileApi(RestClient.Builder builder, ChatwootProperties chatwoot) {
    return PlatformClients.create(
        ChatwootProfileApi.class,
        builder,
        "Chatwoot",
        chatwoot.baseUrl().toString(),
        "api_access_token",
        chatwoot.apiToken(),
        chatwoot.timeout());
  }

  @Bean
  ChatwootActivities chatwootActivities(ChatwootApi api, ChatwootProperties chatwoot) {
    return new ChatwootActivitiesImpl(api, chatwoot.timeout(), new EngineMark(chatwoot.marks()));
  }
}
