package org.handoffengine.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible chat completions endpoint ({@code POST /v1/chat/completions}) that answers
 * from a script, for the first-responder bot's tests and demo. Clients use {@code baseUrl() +
 * "/v1"}.
 */
public class LlmSandbox extends SandboxServer {

  private final String apiKey;
  private final Deque<String> script = new ArrayDeque<>();
  private String fallback = "Thanks for your message. Could you tell me your order number?";

  public LlmSandbox(String apiKey) {
    this.apiKey = apiKey;
  }

  /** The next answers, in order; after them every answer is the fallback. */
  public synchronized LlmSandbox willAnswer(String... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public synchronized LlmSandbox answerByDefault(String answer) {
    fallback = answer;
    return this;
  }

  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  /** The messages of every completion request, in arrival order. */
  public List<JsonNode> prompts() {
    return requests("POST", "/v1/chat/completions").stream()
        .filter(r -> r.status() == 200)
        .map(r -> json.readTree(r.body()).path("messages"))
        .toList();
  }

  @Override
  protected synchronized void resetState() {
    script.clear();
  }

  @Override
  protected SandboxResponse handle(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body) {
    if (!("Bearer " + apiKey).equals(headers.get("authorization"))) {
      return SandboxResponse.status(
          401,
          Map.of(
              "error",
              Map.of("message", "Incorrect API key provided", "type", "invalid_request_error")));
    }
    if (!method.equals("POST") || !path.equals("/v1/chat/completions")) {
      return SandboxResponse.status(
          404, Map.of("error", Map.of("message", "unknown endpoint " + method + " " + path)));
    }
    JsonNode request = json.readTree(body);
    if (!request.path("model").isString()
        || !request.path("messages").isArray()
        || request.path("messages").isEmpty()) {
      return SandboxResponse.status(
          400, Map.of("error", Map.of("message", "model and messages are required")));
    }
    String answer = script.isEmpty() ? fallback : script.poll();
    return SandboxResponse.ok(
        Map.of(
            "id",
            "chatcmpl-" + requests().size(),
            "object",
            "chat.completion",
            "created",
            System.currentTimeMillis() / 1000,
            "model",
            request.path("model").asString(),
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "message",
                    Map.of("role", "assistant", "content", answer),
                    "finish_reason",
                    "stop")),
            "usage",
            Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)));
  }
}
