package org.handoffengine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.handoffengine.sandbox.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Which of the sandbox's requests belong to which journey's timeline. */
class JourneyTimelineTest {

  private static final String PHONE = "+14165550001";
  private static final String JOURNEY = "journey-0f3a";

  @Test
  void theContactRequestsNameTheNumberAndTheConversationItsJourney() {
    // An unencoded "+" in the query reads as a space once the sandbox decodes it.
    assertThat(concerns(get("/api/v1/accounts/1/contacts/search", " 14165550001"))).isTrue();
    assertThat(concerns(get("/api/v1/accounts/1/contacts/search", "+14165550001"))).isTrue();
    assertThat(
            concerns(post("/api/v1/accounts/1/contacts", "{\"phone_number\":\"" + PHONE + "\"}")))
        .isTrue();
    assertThat(
            concerns(
                post(
                    "/api/v1/accounts/1/conversations",
                    "{\"custom_attributes\":{\"handoff_journey\":\"" + JOURNEY + "\"}}")))
        .isTrue();
  }

  @Test
  void anotherCallersRequestsAreNot() {
    assertThat(concerns(get("/api/v1/accounts/1/contacts/search", " 14165550002"))).isFalse();
    assertThat(concerns(post("/api/v1/accounts/1/contacts", "{\"phone_number\":\"+1999\"}")))
        .isFalse();
    assertThat(concerns(post("/api/v1/accounts/1/conversations", "{\"journey\":\"journey-9\"}")))
        .isFalse();
    assertThat(concerns(post("/api/v1/accounts/1/conversations/5/messages", PHONE))).isFalse();
  }

  private static boolean concerns(RecordedRequest request) {
    return JourneyTimeline.concerns(request, PHONE, JOURNEY);
  }

  private static RecordedRequest get(String path, String query) {
    return new RecordedRequest(
        "GET", path, Map.of("q", query), Map.of(), "", 200, Instant.now(), Instant.now());
  }

  private static RecordedRequest post(String path, String body) {
    return new RecordedRequest(
        "POST", path, Map.of(), Map.of(), body, 200, Instant.now(), Instant.now());
  }
}
