package org.handoffengine.api.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who may open the panel and what its credential opens, at the HTTP level. */
class PanelAccessTest extends PanelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void thePageIsFramedOnlyByChatwootAndNeverCached() {
    HttpResponse<String> page = get(panelPath(1, KEYS.keyFor(1)));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors " + CHATWOOT.baseUrl())
        .contains("connect-src 'self'")
        .contains("default-src 'none'");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.body())
        .contains("data-chatwoot-origin=\"" + CHATWOOT.baseUrl() + "\"")
        .contains("/chatwoot/panel/panel.js");

    HttpResponse<String> script = get("/chatwoot/panel/panel.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void aMissingOrWrongCredentialGets401AndASentenceSayingWhy() {
    HttpResponse<String> missing = get("/chatwoot/panel?account=1");
    HttpResponse<String> wrong = get(panelPath(1, "not-the-key"));
    HttpResponse<String> apiToken = get(panelPath(1, "test-api-token"));
    HttpResponse<String> otherAccountsKey = get(panelPath(1, KEYS.keyFor(SALES_ACCOUNT)));
    HttpResponse<String> unroutedAccount = get(panelPath(9, KEYS.keyFor(9)));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).contains("has no credential");
    for (HttpResponse<String> refused :
        new HttpResponse[] {wrong, apiToken, otherAccountsKey, unroutedAccount}) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).contains("credential is wrong").contains("Run setup again");
      assertThat(refused.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("frame-ancestors");
    }
  }

  @Test
  void theCredentialReadsOnlyItsOwnAccountsJourneysAndOnlyBesideTheirConversation() {
    JourneyView support = journeyFromACall("call-panel-access-1", "+14155550611", null);
    JourneyView sales = journeyFromACall("call-panel-access-2", "+14155550612", "pn-panel-sales");

    HttpResponse<String> own = get(journeyPath(1, support), "Authorization", bearer(1));
    HttpResponse<String> noKey = get(journeyPath(1, support));
    HttpResponse<String> apiToken =
        get(journeyPath(1, support), "Authorization", "Bearer test-api-token");
    HttpResponse<String> otherAccountsJourney =
        get(journeyPath(1, sales), "Authorization", bearer(1));
    HttpResponse<String> claimingTheOtherAccount =
        get(journeyPath(SALES_ACCOUNT, sales), "Authorization", bearer(1));
    HttpResponse<String> otherConversation =
        get(
            "/chatwoot/panel/journey?account=1&conversation="
                + (support.conversationId() + 1000)
                + "&journey="
                + encode(support.journeyId()),
            "Authorization",
            bearer(1));
    HttpResponse<String> salesOwnPanel =
        get(journeyPath(SALES_ACCOUNT, sales), "Authorization", bearer(SALES_ACCOUNT));

    assertThat(own.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(own.body());
    assertThat(view.path("stage").asString()).isEqualTo("WAITING_FOR_REPLY");
    assertThat(view.path("followUp").path("nextCallAt").asString()).endsWith("America/New_York");
    assertThat(view.path("temporalUrl").asString())
        .isEqualTo(
            "http://127.0.0.1:8233/namespaces/default/workflows/" + journeyOf("+14155550611"));
    assertThat(own.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(noKey.body()).path("detail").asString())
        .contains("Authorization: Bearer");
    assertThat(apiToken.statusCode()).isEqualTo(401);
    assertThat(otherAccountsJourney.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(otherAccountsJourney.body()).path("detail").asString())
        .contains("another Chatwoot account");
    assertThat(claimingTheOtherAccount.statusCode()).isEqualTo(401);
    assertThat(otherConversation.statusCode()).isEqualTo(403);
    assertThat(salesOwnPanel.statusCode()).isEqualTo(200);
  }

  @Test
  void anActionForAnotherAccountsJourneyIsRefusedAndChangesNothing() {
    JourneyView sales = journeyFromACall("call-panel-access-3", "+14155550613", "pn-panel-sales");
    String body =
        "{\"account\":1,\"conversation\":"
            + sales.conversationId()
            + ",\"journey\":\""
            + sales.journeyId()
            + "\",\"agent\":{\"id\":2,\"name\":\"Jordan (agent)\"}}";

    HttpResponse<String> refused =
        post("/chatwoot/panel/actions/escalate", body, "Authorization", bearer(1));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(awaitJourney(sales.journeyId(), s -> true).escalation().escalated()).isFalse();
  }

  private static String panelPath(long account, String key) {
    return "/chatwoot/panel?account=" + account + "&key=" + encode(key);
  }

  private static String journeyPath(long account, JourneyView journey) {
    return "/chatwoot/panel/journey?account="
        + account
        + "&conversation="
        + journey.conversationId()
        + "&journey="
        + encode(journey.journeyId());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
