package org.handoffengine.api.journeys;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.ProblemResponses;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.handoffengine.workflows.journey.JourneyStage;
import org.handoffengine.workflows.journey.JourneyWorkflow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Journeys found through Temporal's visibility store, by the search attributes every journey
 * upserts. Only a real Temporal server has one; the embedded server answers UNIMPLEMENTED, which
 * the API turns into a 501 that says so.
 */
@Component
public class JourneyDirectory {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;

  private final WorkflowClient temporal;
  private final CustomerJourneys customers;

  public JourneyDirectory(WorkflowClient temporal, CustomerJourneys customers) {
    this.temporal = temporal;
    this.customers = customers;
  }

  /**
   * One customer's journeys as visibility finds them: by {@code HandoffCustomerKey} (the keyed hash
   * of the number), and, while journeys started before ids were hashed may run, by the plain number
   * they carried (a run of theirs that continued as new upserts it as its key).
   *
   * @param keys values of {@code HandoffCustomerKey}
   * @param legacyPhone the value of {@code HandoffCustomerPhone}, or null
   */
  public record Customer(List<String> keys, String legacyPhone) {}

  public Customer customerFilter(String e164) {
    if (!customers.legacyLookups()) {
      return new Customer(List.of(customers.keyOf(e164)), null);
    }
    return new Customer(
        customers.keyOf(e164).equals(e164) ? List.of(e164) : List.of(customers.keyOf(e164), e164),
        e164);
  }

  /** What to list; a null field does not filter. */
  public record Filter(JourneyStage stage, Boolean escalated, Customer customer) {

    /**
     * The visibility query: journeys only, each run once (a run that continued as new is not a
     * journey of its own).
     */
    String query() {
      StringBuilder query =
          new StringBuilder("WorkflowType = '")
              .append(JourneyWorkflow.class.getSimpleName())
              .append("' AND ExecutionStatus != 'ContinuedAsNew'");
      if (stage != null) {
        query
            .append(" AND ")
            .append(JourneySearchAttributes.STAGE.getName())
            .append(" = '")
            .append(stage.name())
            .append("'");
      }
      if (escalated != null) {
        query
            .append(" AND ")
            .append(JourneySearchAttributes.ESCALATED.getName())
            .append(" = ")
            .append(escalated);
      }
      if (customer != null) {
        query
            .append(" AND (")
            .append(JourneySearchAttributes.CUSTOMER_KEY.getName())
            .append(" IN (");
        for (int i = 0; i < customer.keys().size(); i++) {
          query.append(i == 0 ? "'" : ", '").append(quoted(customer.keys().get(i))).append("'");
        }
        query.append(")");
        if (customer.legacyPhone() != null) {
          query
              .append(" OR ")
              .append(JourneySearchAttributes.CUSTOMER_PHONE.getName())
              .append(" = '")
              .append(quoted(customer.legacyPhone()))
              .append("'");
        }
        query.append(")");
      }
      return query.toString();
    }

    private static String quoted(String value) {
      return value.replace("\\", "\\\\").replace("'", "\\'");
    }
  }

  /**
   * One journey run as visibility knows it: enough to pick it, then read it with {@code GET
   * /journeys/{id}}.
   */
  public record Listed(
      String journeyId,
      String runId,
      String status,
      String stage,
      Boolean escalated,
      Long conversationId,
      Instant startedAt,
      Instant closedAt) {}

  /** A page of journeys, newest first; {@code nextPageToken} is null on the last page. */
  public record Page(List<Listed> journeys, String nextPageToken) {}

  public Page list(Filter filter, int pageSize, String nextPageToken) {
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(temporal.getOptions().getNamespace())
            .setQuery(filter.query())
            .setPageSize(pageSize);
    if (nextPageToken != null && !nextPageToken.isBlank()) {
      request.setNextPageToken(ByteString.copyFrom(decodeToken(nextPageToken)));
    }
    ListWorkflowExecutionsResponse response;
    try {
      response =
          temporal.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(request.build());
    } catch (RuntimeException e) {
      Status.Code code = ProblemResponses.grpcStatus(e).map(Status::getCode).orElse(null);
      if (code == Status.Code.UNIMPLEMENTED) {
        throw new ApiProblem(
            HttpStatus.NOT_IMPLEMENTED,
            "listing journeys needs a Temporal server with a visibility store, and this engine runs on the embedded one,"
                + " which has none; set spring.temporal.connection.target (TEMPORAL_ADDRESS) to a Temporal cluster."
                + " GET /journeys/{id} and GET /journeys?phone=… (one customer's journey) work on both");
      }
      if (code == Status.Code.INVALID_ARGUMENT && nextPageToken != null) {
        throw ApiProblem.badRequest("nextPageToken is not one this endpoint returned");
      }
      throw e;
    }
    List<Listed> journeys = new ArrayList<>(response.getExecutionsCount());
    for (WorkflowExecutionInfo info : response.getExecutionsList()) {
      journeys.add(
          listed(new WorkflowExecutionMetadata(info, temporal.getOptions().getDataConverter())));
    }
    ByteString next = response.getNextPageToken();
    return new Page(
        journeys,
        next.isEmpty()
            ? null
            : Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray()));
  }

  private static Listed listed(WorkflowExecutionMetadata run) {
    SearchAttributes attributes = run.getTypedSearchAttributes();
    return new Listed(
        run.getExecution().getWorkflowId(),
        run.getExecution().getRunId(),
        run.getStatus().name().substring("WORKFLOW_EXECUTION_STATUS_".length()),
        attributes.get(JourneySearchAttributes.STAGE),
        attributes.get(JourneySearchAttributes.ESCALATED),
        attributes.get(JourneySearchAttributes.CONVERSATION_ID),
        run.getStartTime(),
        run.getCloseTime());
  }

  private static byte[] decodeToken(String token) {
    try {
      return Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("nextPageToken is not one this endpoint returned");
    }
  }
}
