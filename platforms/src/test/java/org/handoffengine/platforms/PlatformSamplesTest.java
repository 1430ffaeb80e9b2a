package org.handoffengine.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.ConversationStatusChanged;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.ConversationUpdated;
import org.handoffengine.platforms.chatwoot.ChatwootWebhook.MessageCreated;
import org.handoffengine.platforms.chatwoot.ConversationAttributes;
import org.handoffengine.platforms.vapi.AssistantAnswer;
import org.handoffengine.platforms.vapi.ToolCallsAnswer;
import org.handoffengine.platforms.vapi.TransferAnswer;
import org.handoffengine.platforms.vapi.VapiCall;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.platforms.vapi.VapiServerMessage;
import org.handoffengine.platforms.vapi.VapiServerMessage.EndOfCallReport;
import org.handoffengine.platforms.vapi.VapiServerMessage.ToolCalls;
import org.handoffengine.platforms.vapi.VapiWebhook;
import org.handoffengine.sandbox.contract.SharedContracts;
import org.handoffengine.workflows.journey.CallReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every Vapi and Chatwoot sample in {@code ../shared/contracts} binds to the platform records as
 * the record its type names, and the answers the engine gives carry every field of Vapi's samples.
 */
class PlatformSamplesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Map<String, Class<? extends VapiServerMessage>> VAPI_TYPES =
      Map.of(
          "end-of-call-report", EndOfCallReport.class,
          "status-update", VapiServerMessage.StatusUpdate.class,
          "hang", VapiServerMessage.Hang.class,
          "tool-calls", ToolCalls.class,
          "assistant-request", VapiServerMessage.AssistantRequest.class,
          "transfer-destination-request", VapiServerMessage.TransferDestinationRequest.class);

  private static final Map<String, Class<? extends ChatwootWebhook>> CHATWOOT_EVENTS =
      Map.of(
          "message_created", MessageCreated.class,
          "conversation_status_changed", ConversationStatusChanged.class,
          "conversation_updated", ConversationUpdated.class);

  @Test
  void everyVapiServerMessageSampleBindsAsItsType() throws IOException {
    Path samples = vapiSamples();
    List<Path> messages = files(samples, "server-message.");
    assertThat(messages).hasSizeGreaterThanOrEqualTo(12);
    for (Path sample : messages) {
      VapiServerMessage message = JSON.readValue(sample.toFile(), VapiWebhook.class).message();
      String type = JSON.readTree(sample.toFile()).path("message").path("type").asString();
      assertThat(message)
          .as(sample.getFileName().toString())
          .isInstanceOf(VAPI_TYPES.getOrDefault(type, VapiServerMessage.Other.class));
      assertThat(message.type()).isEqualTo(type);
      assertThat(message.callId()).as(sample.getFileName().toString()).isNotBlank();
    }
  }

  @Test
  void theEndOfCallReportSampleMapsToACallReport() throws IOException {
    EndOfCallReport report =
        (EndOfCallReport)
            JSON.readValue(
                    vapiSamples().resolve("server-message.end-of-call-report.json").toFile(),
                    VapiWebhook.class)
                .message();

    CallReport call = VapiCallReports.fromEndOfCallReport(report, "US");

    assertThat(call.callId()).isEqualTo(report.call().id());
    assertThat(call.customerNumber()).isEqualTo(report.customer().number());
    assertThat(call.summary()).isEqualTo(report.analysis().summary());
    assertThat(call.transcript()).isEqualTo(report.artifact().transcript());
    assertThat(call.recordingUrl()).isEqualTo(report.artifact().recording().mono().combinedUrl());
    assertThat(call.startedAt()).isEqualTo(report.startedAt()).isNotNull();
    assertThat(call.endedReason()).isEqualTo(report.endedReason()).isNotNull();
  }

  @Test
  void bothToolCallShapesBindTheSameCalls() throws IOException {
    Path samples = vapiSamples();
    ToolCalls spec =
        (ToolCalls)
            JSON.readValue(
                    samples.resolve("server-message.tool-calls.json").toFile(), VapiWebhook.class)
                .message();
    ToolCalls live =
        (ToolCalls)
            JSON.readValue(
                    samples.resolve("server-message.tool-calls.live-variant.json").toFile(),
                    VapiWebhook.class)
                .message();

    assertThat(spec.toolCallList())
        .isNotEmpty()
        .allSatisfy(
            call -> {
              assertThat(call.toolName()).isNotBlank();
              assertThat(call.toolArguments().readable()).isTrue();
            });
    assertThat(live.toolCallList())
        .isNotEmpty()
        .allSatisfy(call -> assertThat(call.toolArguments().readable()).isTrue());
  }

  @Test
  void theCallSamplesOfTheRestApiBindAndAnEndedOneMapsToACallReport() throws IOException {
    Path samples = vapiSamples();
    VapiCall ended =
        JSON.readValue(samples.resolve("api.call.ended.response.json").toFile(), VapiCall.class);
    assertThat(ended.status()).isEqualTo("ended");
    CallReport report = VapiCallReports.fromCall(ended, "US");
    assertThat(report.callId()).isEqualTo(ended.id());
    assertThat(report.endedAt()).isNotNull();

    VapiCall[] listed =
        JSON.readValue(samples.resolve("api.list-calls.response.json").toFile(), VapiCall[].class);
    assertThat(listed).isNotEmpty().allSatisfy(call -> assertThat(call.createdAt()).isNotBlank());
  }

  @Test
  void theAnswersTheEngineGivesCarryEveryFieldOfVapisSamples() throws IOException {
    Path samples = vapiSamples();
    assertRoundTrip(samples.resolve("response.tool-calls.json"), ToolCallsAnswer.class);
    assertRoundTrip(
        samples.resolve("response.assistant-request.assistant-id.json"), AssistantAnswer.class);
    assertRoundTrip(
        samples.resolve("response.assistant-request.destination.json"), AssistantAnswer.class);
    assertRoundTrip(
        samples.resolve("response.assistant-request.error.json"), AssistantAnswer.class);
    assertRoundTrip(
        samples.resolve("response.transfer-destination-request.error.json"), TransferAnswer.class);
  }

  @Test
  void everyChatwootWebhookSampleBindsAsItsEvent() throws IOException {
    Path samples = chatwootSamples();
    List<Path> webhooks =
        Stream.concat(files(samples, "webhook.").stream(), files(samples, "agent-bot.").stream())
            .toList();
    assertThat(webhooks).hasSizeGreaterThanOrEqualTo(10);
    for (Path sample : webhooks) {
      ChatwootWebhook event = JSON.readValue(sample.toFile(), ChatwootWebhook.class);
      String name = JSON.readTree(sample.toFile()).path("event").asString();
      assertThat(event)
          .as(sample.getFileName().toString())
          .isInstanceOf(CHATWOOT_EVENTS.getOrDefault(name, ChatwootWebhook.Other.class));
      assertThat(event.event()).isEqualTo(name);
    }
  }

  @Test
  void theChatwootSamplesSayWhatTheEngineReadsFromThem() throws IOException {
    Path samples = chatwootSamples();
    MessageCreated incoming =
        read(samples, "webhook.message_created.incoming.json", MessageCreated.class);
    assertThat(incoming.messageTypeName()).isEqualTo("incoming");
    assertThat(incoming.postedByEngine()).isFalse();
    assertThat(incoming.createdAt()).isEqualTo(Instant.parse("2026-11-25T14:05:09.412Z"));
    assertThat(ConversationAttributes.journeyIdOf(incoming.conversation().customAttributes()))
        .isEqualTo("journey-+15555550142");

    assertThat(
            read(samples, "webhook.message_created.outgoing-api-engine.json", MessageCreated.class)
                .postedByEngine())
        .isTrue();
    assertThat(
            read(samples, "webhook.message_created.private-note.json", MessageCreated.class)
                .isPrivate())
        .isTrue();
    assertThat(
            read(samples, "webhook.message_created.outgoing-agent.json", MessageCreated.class)
                .senderType())
        .isEqualTo("user");

    ConversationStatusChanged reopened =
        read(
            samples,
            "webhook.conversation_status_changed.open.json",
            ConversationStatusChanged.class);
    assertThat(reopened.status()).isEqualTo("open");
    assertThat(reopened.contact().id()).isNotNull();
    assertThat(reopened.updatedAt().at()).isNotNull();

    ConversationUpdated assigned =
        read(samples, "webhook.conversation_updated.json", ConversationUpdated.class);
    assertThat(assigned.assigneeRemoved()).as("the sample assigns an agent").isFalse();
    assertThat(assigned.changedAttributes()).isNotEmpty();
  }

  @Test
  void anAssigneeClearedBecauseTheConversationMovedToATeamIsNoHandBack() throws IOException {
    Path samples = chatwootSamples();
    ObjectNode moved =
        (ObjectNode) JSON.readTree(samples.resolve("webhook.conversation_updated.json").toFile());
    // As Chatwoot sends it when a team is assigned and the agent on the conversation is not in it.
    ObjectNode assignee = (ObjectNode) moved.path("changed_attributes").get(0).get("assignee_id");
    assignee.put("previous_value", 31);
    assignee.putNull("current_value");
    ObjectNode alone = moved.deepCopy();
    ((ArrayNode) alone.get("changed_attributes")).remove(1);

    assertThat(JSON.treeToValue(moved, ConversationUpdated.class).assigneeRemoved())
        .as("cleared with the team change")
        .isFalse();
    assertThat(JSON.treeToValue(alone, ConversationUpdated.class).assigneeRemoved())
        .as("cleared on its own")
        .isTrue();
  }

  private static <T extends ChatwootWebhook> T read(Path samples, String name, Class<T> type)
      throws IOException {
    return type.cast(JSON.readValue(samples.resolve(name).toFile(), ChatwootWebhook.class));
  }

  private static void assertRoundTrip(Path sample, Class<?> answer) throws IOException {
    JsonNode expected = JSON.readTree(sample.toFile());
    JsonNode written = JSON.valueToTree(JSON.readValue(sample.toFile(), answer));
    assertThat(written).as(sample.getFileName().toString()).isEqualTo(expected);
  }

  private static List<Path> files(Path folder, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  private static Path vapiSamples() {
    Optional<Path> samples = SharedContracts.vapiSamples();
    Assumptions.assumeTrue(
        samples.isPresent(),
        "../shared/contracts/vapi/samples is absent; skipping the Vapi samples");
    return samples.get();
  }

  private static Path chatwootSamples() {
    Optional<Path> samples = SharedContracts.chatwootSamples();
    Assumptions.assumeTrue(
        samples.isPresent(),
        "../shared/contracts/chatwoot/samples is absent; skipping the Chatwoot samples");
    return samples.get();
  }
}
