package org.handoffengine.api.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.handoffengine.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyProperties;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.RouteProperties;
import org.handoffengine.journeys.TemporalSettings;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.handoffengine.platforms.vapi.AssistantAnswer;
import org.handoffengine.platforms.vapi.VapiProperties;
import org.handoffengine.workflows.journey.JourneyIds;
import org.handoffengine.workflows.policy.BotPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A caller is ringing and Vapi gives the engine about 7.5 s: a journey that cannot be read (no
 * worker answers its query) must not hold the call up.
 */
class AssistantRequestDeadlineTest {

  private static final String PHONE = "+14155550123";

  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    temporal.close();
  }

  @Test
  void aStuckJourneyQueryStillGetsTheDefaultAssistantWithinTwoSeconds() {
    WorkflowClient client = temporal.getWorkflowClient();
    JourneyRoutes routes =
        new JourneyRoutes(
            new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("handoff", JourneyProperties.class),
            new RouteProperties(null, null),
            new JourneyRoutes.Platforms(
                1L,
                7L,
                Duration.ofSeconds(10),
                "assistant-1",
                null,
                Duration.ofSeconds(5),
                BotPolicy.OFF),
            new TemporalSettings(false, true, null, null));
    JourneyClient journeys =
        new JourneyClient(
            client,
            routes,
            new CustomerJourneys(client, new PrivacyProperties(null, true), false),
            Duration.ofSeconds(5));
    // The caller's journey exists, but no worker runs it: its query waits for an answer that never
    // comes.
    client
        .newUntypedWorkflowStub(
            "JourneyWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(JourneyIds.legacyForCustomer(null, PHONE))
                .setTaskQueue(JourneyIds.TASK_QUEUE)
                .build())
        .start();
    VapiProperties vapi =
        new VapiProperties(
            URI.create("https://api.vapi.ai"),
            "key",
            "secret",
            "assistant-1",
            null,
            Duration.ofSeconds(5),
            null,
            null);
    InboundCallAnswers answers = new InboundCallAnswers(journeys, vapi, routes);

    long started = System.nanoTime();
    AssistantAnswer answer =
        answers.assistantFor(
            journeys.callerOf(new JourneyClient.Call("ring-1", PHONE, null, null, null)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(answer).isEqualTo(AssistantAnswer.assistant("assistant-1"));
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }
}
