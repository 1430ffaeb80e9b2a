package org.handoffengine.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the journey search attributes the namespace lacks. A journey that upserts an
 * unregistered attribute would fail every workflow task, so this runs before any worker starts.
 */
public final class SearchAttributeRegistrar {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private SearchAttributeRegistrar() {}

  /** The embedded server keeps no namespace metadata; it takes registrations directly. */
  public static void register(TestWorkflowEnvironment embedded) {
    JourneySearchAttributes.ALL.forEach(
        (name, type) -> embedded.registerSearchAttribute(name, indexedType(type)));
  }

  public static void register(WorkflowClient client) {
    String namespace = client.getOptions().getNamespace();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing = existing(operator, namespace);
      Map<String, IndexedValueType> missing = new HashMap<>();
      JourneySearchAttributes.ALL.forEach(
          (name, type) -> {
            if (!existing.containsKey(name)) {
              missing.put(name, indexedType(type));
            }
          });
      if (!missing.isEmpty()) {
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putAllSearchAttributes(missing)
                      .build());
          log.info("Registered search attributes {} in namespace {}", missing.keySet(), namespace);
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
          // Another worker registered them between our list and our add.
        }
      }
    } finally {
      operator.shutdown();
    }
  }

  /**
   * Temporal's Java test server (a port-bound dev service) adds attributes but cannot list them.
   */
  private static Map<String, IndexedValueType> existing(
      OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Map.of();
      }
      throw e;
    }
  }

  private static IndexedValueType indexedType(String type) {
    return IndexedValueType.valueOf("INDEXED_VALUE_TYPE_" + type);
  }
}
