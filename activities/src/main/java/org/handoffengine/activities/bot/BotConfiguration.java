package org.handoffengine.activities.bot;

import dev.langchain4j.model.openai.OpenAiChatModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
public class BotConfiguration {

  @Bean
  FirstResponderActivitiesImpl firstResponder(BotProperties bot) {
    if (!bot.enabled()) {
      return new FirstResponderActivitiesImpl(null, bot.instructions());
    }
    // Retries belong to the journey's activity policy, which hands off to a human after three.
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(bot.baseUrl())
            .apiKey(bot.apiKey() == null || bot.apiKey().isBlank() ? "none" : bot.apiKey())
            .modelName(bot.model())
            .timeout(bot.timeout())
            .maxRetries(0)
            .build();
    return new FirstResponderActivitiesImpl(model, bot.instructions());
  }
}
