package org.handoffengine.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.handoffengine.sandbox.ChatwootSandbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A journey's Temporal actions as the engine counts them from its history ({@code GET
 * /journeys/{id}/actions}): once it waits for its follow-up timer, and once an agent has resolved
 * its conversation and it has completed.
 */
final class JourneyActions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final EngineProcess engine;
  private final ChatwootSandbox chatwoot;

  JourneyActions(EngineProcess engine, ChatwootSandbox chatwoot) {
    this.engine = engine;
    this.chatwoot = chatwoot;
  }

  /** The journey's actions once it waits on its follow-up timer. */
  JsonNode whenWaiting(String journeyId) {
    return awaitActions(journeyId, actions -> actions.path("timers").asInt() >= 1);
  }

  void awaitWaiting(String journeyId) {
    whenWaiting(journeyId);
  }

  /** An agent resolves the conversation in Chatwoot; the webhook completes the journey. */
  JsonNode afterResolving(String journeyId, String phone) {
    long contactId = chatwoot.contactsWithPhone(phone).get(0).path("id").asLong();
    long conversationId = chatwoot.conversationsOf(contactId).get(0).path("id").asLong();
    JsonNode webhook = chatwoot.changeStatus(conversationId, "resolved");
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(Bench.chatwootWebhook(engine))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(webhook.toString()))
                .build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the engine answered the resolution webhook "
              + answer.statusCode()
              + ": "
              + answer.body());
    }
    return awaitActions(
        journeyId, actions -> actions.path("events").has("WORKFLOW_EXECUTION_COMPLETED"));
  }

  private JsonNode awaitActions(String journeyId, Predicate<JsonNode> until) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(engine.uri("/journeys/" + journeyId + "/actions"))
                  .header("Authorization", "Bearer " + EngineProcess.API_TOKEN)
                  .build());
      if (response.statusCode() == 200) {
        JsonNode actions = JSON.readTree(response.body());
        if (until.test(actions)) {
          return actions;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "journey " + journeyId + " did not get there: " + response.body());
      }
      try {
        Thread.sleep(100); // the bench polls the engine's API; no test waits on this
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
