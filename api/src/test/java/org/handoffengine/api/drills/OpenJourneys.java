package org.handoffengine.api.drills;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.api.EngineTest;

/**
 * The running journeys of a drill's namespace, read from the server (no journey id needed), and
 * whether they have all settled: nothing pending, no activity attempt and no workflow task, so no
 * late retry can still add a contact, a message or a call after the drill has counted.
 */
final class OpenJourneys {

  private OpenJourneys() {}

  /**
   * Waits until {@code expected} journeys run in the namespace and none has anything pending.
   * Between looks it long-polls the history of a journey still busy (of any running one while the
   * count is off), so it wakes when a journey moved rather than after a guessed sleep.
   */
  static void awaitSettled(WorkflowClient client, int expected, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      List<DescribeWorkflowExecutionResponse> open = describeOpen(client);
      List<DescribeWorkflowExecutionResponse> busy =
          open.stream()
              .filter(d -> d.getPendingActivitiesCount() > 0 || d.hasPendingWorkflowTask())
              .toList();
      if (open.size() == expected && busy.isEmpty()) {
        return;
      }
      String seen =
          open.size() + " running, " + busy.size() + " with an activity or workflow task pending";
      if (open.isEmpty()) {
        // The drills call this once every journey has written to Chatwoot: none running is no lag.
        throw new AssertionError("no journey running, " + expected + " expected");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + patience
                + " waiting for "
                + expected
                + " journeys settled; last seen: "
                + seen);
      }
      EngineTest.awaitNextEvent(
          client,
          (busy.isEmpty() ? open : busy)
              .get(0)
              .getWorkflowExecutionInfo()
              .getExecution()
              .getWorkflowId());
    }
  }

  private static List<DescribeWorkflowExecutionResponse> describeOpen(WorkflowClient client) {
    String namespace = client.getOptions().getNamespace();
    var stub = client.getWorkflowServiceStubs().blockingStub();
    List<DescribeWorkflowExecutionResponse> described = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse answer =
          stub.listWorkflowExecutions(
              ListWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setQuery("ExecutionStatus = 'Running'")
                  .setPageSize(1000)
                  .setNextPageToken(page)
                  .build());
      answer
          .getExecutionsList()
          .forEach(
              info ->
                  described.add(
                      stub.describeWorkflowExecution(
                          DescribeWorkflowExecutionRequest.newBuilder()
                              .setNamespace(namespace)
                              .setExecution(
                                  WorkflowExecution.newBuilder()
                                      .setWorkflowId(info.getExecution().getWorkflowId()))
                              .build())));
      page = answer.getNextPageToken();
    } while (!page.isEmpty());
    return described;
  }
}
