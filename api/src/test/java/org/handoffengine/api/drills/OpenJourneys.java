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

/**
 * The running journeys of a drill's namespace, read from the server (no journey id needed), and
 * whether they have all settled: nothing pending, no activity attempt and no workflow task, so no
 * late retry can still add a contact, a message or a call after the drill has counted.
 */
final class OpenJourneys {

  private OpenJourneys() {}

  /** Waits until {@code expected} journeys run in the namespace and none has anything pending. */
  static void awaitSettled(WorkflowClient client, int expected, Duration patience) {
    String[] last = {"not read yet"};
    try {
      Await.until(
          expected + " journeys settled",
          patience,
          () -> {
            List<DescribeWorkflowExecutionResponse> open = describeOpen(client);
            long busy =
                open.stream()
                    .filter(d -> d.getPendingActivitiesCount() > 0 || d.hasPendingWorkflowTask())
                    .count();
            last[0] =
                open.size() + " running, " + busy + " with an activity or workflow task pending";
            return open.size() == expected && busy == 0;
          });
    } catch (AssertionError notSettled) {
      throw new AssertionError(notSettled.getMessage() + "; last seen: " + last[0], notSettled);
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
