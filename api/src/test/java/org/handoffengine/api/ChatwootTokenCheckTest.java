package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.handoffengine.activities.chatwoot.ChatwootTokenRefused;
import org.handoffengine.sandbox.ChatwootSandbox;
import org.handoffengine.sandbox.VapiSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finding 3: an agent bot's token gets 401 on contact search, contacts, conversation and message
 * reads and labels, so every journey would stop at NEEDS_ATTENTION. Start-up checks the token
 * instead and stops with one line saying which token is needed.
 */
class ChatwootTokenCheckTest {

  private final ChatwootSandbox chatwoot = new ChatwootSandbox("admin-token", 1);
  private final VapiSandbox vapi = new VapiSandbox("test-vapi-key");

  @BeforeEach
  void start() {
    chatwoot.start();
    vapi.start();
  }

  @AfterEach
  void stop() {
    chatwoot.close();
    vapi.close();
  }

  @Test
  void anAgentBotsTokenStopsStartUpSayingAUsersTokenIsNeeded() throws Exception {
    HttpResponse<String> bot =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(chatwoot.baseUrl() + "/api/v1/accounts/1/agent_bots"))
                    .header("api_access_token", "admin-token")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"First Responder\",\"outgoing_url\":\"https://engine.example.com/b\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String botToken =
        JsonMapper.builder().build().readTree(bot.body()).path("access_token").asString();

    Throwable failure = catchThrowable(() -> start("--handoff.chatwoot.api-token=" + botToken));

    assertThat(refusal(failure)).contains("agent bot's token", "use a user's access token");
    assertThat(chatwoot.requests("GET", ".*/contacts/search")).isEmpty();
  }

  @Test
  void aUserOutsideTheAccountStopsStartUpNamingTheAccount() {
    Throwable failure =
        catchThrowable(
            () ->
                start(
                    "--handoff.chatwoot.api-token=admin-token",
                    "--handoff.chatwoot.account-id=99"));

    assertThat(refusal(failure)).contains("not a member of Chatwoot account 99");
  }

  private void start(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "--handoff.chatwoot.base-url=" + chatwoot.baseUrl();
    args[1] = "--handoff.chatwoot.inbox-id=" + chatwoot.apiInboxId();
    args[2] = "--handoff.vapi.base-url=" + vapi.baseUrl();
    System.arraycopy(extra, 0, args, 3, extra.length);
    try (ConfigurableApplicationContext engine =
        new SpringApplicationBuilder(HandoffEngineApplication.class).profiles("test").run(args)) {
      throw new AssertionError("the engine started");
    }
  }

  private static String refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ChatwootTokenRefused refused) {
        return refused.getMessage();
      }
    }
    throw new AssertionError("start-up failed otherwise", failure);
  }
}
