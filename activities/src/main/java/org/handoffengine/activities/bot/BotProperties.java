package org.handoffengine.activities.bot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.bot.*}: the first-responder bot's model, any OpenAI-compatible chat API (OpenAI,
 * Qwen through DashScope's compatible mode, vLLM, Ollama). Without a base URL and a model the bot
 * is off and customer messages wait for humans.
 *
 * @param baseUrl the OpenAI-compatible chat API of the first-responder bot, e.g. {@code
 *     https://dashscope-intl.aliyuncs.com/compatible-mode/v1} or {@code http://localhost:11434/v1}
 * @param apiKey the provider's key (local servers accept any)
 * @param model e.g. {@code qwen-plus}, {@code gpt-4o-mini}; the bot is off without base URL and
 *     model
 * @param maxTurns replies the bot gives in one journey before a human takes the next message
 * @param timeout how long one model call may take; three failed calls hand the customer to a human
 * @param instructions the system prompt; the built-in one keeps answers short and hands off when
 *     unsure
 */
@ConfigurationProperties("handoff.bot")
public record BotProperties(
    String baseUrl,
    String apiKey,
    String model,
    @DefaultValue("5") int maxTurns,
    @DefaultValue("PT30S") Duration timeout,
    String instructions) {

  public static final String DEFAULT_INSTRUCTIONS =
      "You are the first responder of a customer support team, answering in a chat after the customer's "
          + "phone call. Answer briefly and concretely, in the customer's language. Never invent order data, "
          + "prices or promises. If you cannot help, or the customer wants or needs a person, answer with "
          + "exactly the word HANDOFF and nothing else.";

  public BotProperties {
    // Unset or blank: the built-in prompt, too long for a default in the configuration metadata.
    instructions =
        instructions == null || instructions.isBlank() ? DEFAULT_INSTRUCTIONS : instructions;
  }

  public boolean enabled() {
    return baseUrl != null && !baseUrl.isBlank() && model != null && !model.isBlank();
  }
}
