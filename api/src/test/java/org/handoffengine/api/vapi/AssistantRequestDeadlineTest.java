package org.handoffengine.api.vapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.handoffengine.activities.vapi.VapiProperties;
import org.handoffengine.api.journeys.JourneyClient;
import org.handoffengine.journeys.JourneyRoutes;
import org.handoffengine.journeys.JourneyStarter;
import org.handoffengine.workflows.journey.JourneyWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller is ringing and Vapi gives the engine about 7.5 s: a journey that cannot be read (its
 * query is stuck) must not hold the call up.
 */
class AssistantRequestDeadlineTest {

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void unblock() {
    release.countDown();
  }

  @Test
  void aStuckJourneyQueryStillGetsTheDefaultAssistantWithinTwoSeconds() {
    WorkflowClient temporal = mock(WorkflowClient.class);
    JourneyWorkflow stuck = mock(JourneyWorkflow.class);
    when(temporal.newWorkflowStub(any(Class.class), anyString())).thenReturn(stuck);
    when(stuck.state()).thenAnswer(call -> {
      release.await(); // a query that never comes back
      return null;
    });
    VapiProperties vapi = new VapiProperties(URI.create("https://api.vapi.ai"), "key", "secret", "assistant-1", null, Duration.ofSeconds(5), null, null);
    JourneyRoutes routes = mock(JourneyRoutes.class);
    when(routes.forJourney(any())).thenReturn(new JourneyRoutes.Routed(null, null, null));
    InboundCallAnswers answers = new InboundCallAnswers(new JourneyClient(temporal, mock(JourneyStarter.class)), vapi, routes);

    long started = System.nanoTime();
    Map<String, Object> answer = answers.assistantFor(Optional.of(new CallerJourney("journey-+14155550123", "+14155550123", "ring-1")));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(answer).isEqualTo(Map.of("assistantId", "assistant-1"));
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }
}
