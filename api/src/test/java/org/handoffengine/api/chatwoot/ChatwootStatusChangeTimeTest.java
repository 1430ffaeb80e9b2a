package org.handoffengine.api.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.ConversationStatusChanged;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.chatwoot.ChatwootEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A status change happens at the conversation's {@code updated_at}: its {@code created_at} is when
 * the conversation was opened, the same in every change of it. Without Chatwoot's delivery id
 * (older versions send none) that time is what tells a second resolution from the first.
 */
class ChatwootStatusChangeTimeTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aStatusChangeIsTimedByUpdatedAtAndASecondResolutionIsNotTheFirst() throws IOException {
    JsonNode resolved = sample("webhook.conversation_status_changed.resolved.json");
    ObjectNode resolvedAgain = (ObjectNode) resolved.deepCopy();
    resolvedAgain.put("updated_at", resolved.path("updated_at").asDouble() + 3600.5);

    ChatwootEvent first = ChatwootWebhookController.statusEvent(bound(resolved), null);
    ChatwootEvent second = ChatwootWebhookController.statusEvent(bound(resolvedAgain), null);

    double updatedAt = resolved.path("updated_at").asDouble();
    assertThat(first.at())
        .isEqualTo(
            Instant.ofEpochSecond(
                (long) updatedAt, Math.round((updatedAt - (long) updatedAt) * 1e6) * 1000));
    assertThat(first.at())
        .isNotEqualTo(Instant.ofEpochSecond(resolved.path("created_at").asLong()));
    assertThat(second.dedupeKeys("status")).doesNotContainAnyElementsOf(first.dedupeKeys("status"));
  }

  private static ConversationStatusChanged bound(JsonNode event) {
    return (ConversationStatusChanged) JSON.treeToValue(event, ChatwootWebhook.class);
  }

  private static JsonNode sample(String name) throws IOException {
    Optional<Path> samples = SharedContracts.chatwootSamples();
    Assumptions.assumeTrue(
        samples.isPresent(),
        "../shared/contracts/chatwoot/samples is absent (it sits beside the repo in CI, not in a user's clone); skipping the status-change timing test");
    return JSON.readTree(samples.get().resolve(name).toFile());
  }
}
