package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.handoffengine.api.config.MissingSettingAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A required setting that is missing stops start-up with one line naming it. */
class MissingSettingTest {

  @Test
  void startUpNamesTheMissingSettingAndItsEnvironmentVariable() {
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(HandoffEngineApplication.class)
                    .properties(
                        "server.port=0",
                        "handoff.chatwoot.base-url=http://127.0.0.1:9",
                        "handoff.chatwoot.api-token=t",
                        "handoff.chatwoot.account-id=1",
                        "handoff.chatwoot.inbox-id=7",
                        "handoff.vapi.api-key=k",
                        "handoff.vapi.webhook-secret=s")
                    .run());

    FailureAnalysis analysis = new MissingSettingAnalyzer().analyze(failure);

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .isEqualTo(
            "Missing or invalid setting handoff.api.token (env HANDOFF_API_TOKEN): must not be blank");
  }
}
