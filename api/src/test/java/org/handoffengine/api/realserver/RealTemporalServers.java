package org.handoffengine.api.realserver;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.handoffengine.worker.devserver.LocalTemporalServer;

/**
 * The one real Temporal server of a test run: {@code $TEMPORAL_ADDRESS} when set, else a {@code
 * temporal server start-dev} this JVM starts on free loopback ports with a throwaway SQLite file
 * (under {@code target/}), stopped when the run ends. Each engine context gets a namespace of its
 * own, so the workers of contexts Spring keeps cached never take each other's journeys.
 */
public final class RealTemporalServers {

  static final int NAMESPACES = 24;
  private static final AtomicInteger nextNamespace = new AtomicInteger();
  private static LocalTemporalServer started;
  private static String target;

  private RealTemporalServers() {}

  /** Why real-server tests cannot run here, or empty when they can. */
  public static Optional<String> unavailable() {
    if (external().isPresent() || LocalTemporalServer.findBinary().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "no temporal binary (run deploy/dev/install-temporal-cli.sh, set TEMPORAL_CLI, or TEMPORAL_ADDRESS): real-server tests skipped");
  }

  /** The frontend's {@code host:port}, starting the local server on first use. */
  public static synchronized String target() {
    if (target == null) {
      Optional<String> external = external();
      if (external.isPresent()) {
        target = external.get();
      } else {
        Path binary =
            LocalTemporalServer.findBinary()
                .orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        started =
            LocalTemporalServer.start(
                binary,
                LocalTemporalServer.Options.defaults()
                    .withNamespaces(
                        IntStream.rangeClosed(1, NAMESPACES)
                            .mapToObj(RealTemporalServers::namespace)
                            .toList())
                    .in(Path.of("target", "temporal-dev")));
        Runtime.getRuntime()
            .addShutdownHook(new Thread(started::close, "temporal-dev-server-stop"));
        target = started.target();
      }
    }
    return target;
  }

  /** The locally started server, for drills that kill and restart it; empty on an external one. */
  public static synchronized Optional<LocalTemporalServer> local() {
    target();
    return Optional.ofNullable(started);
  }

  /** A namespace no other engine context of this run uses, registered on the server. */
  public static String freshNamespace() {
    int n = nextNamespace.incrementAndGet();
    String name = namespace(n);
    if (started == null || n > NAMESPACES) {
      register(name);
    }
    return name;
  }

  private static String namespace(int n) {
    return "handoff-test-" + n;
  }

  /** An external server, or a context beyond the pre-created pool: register, then wait for it. */
  private static void register(String namespace) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      try {
        stubs
            .blockingStub()
            .registerNamespace(
                RegisterNamespaceRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowExecutionRetentionPeriod(
                        com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
                    .build());
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
      stubs
          .blockingStub()
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static Optional<String> external() {
    return Optional.ofNullable(System.getenv("TEMPORAL_ADDRESS"))
        .filter(address -> !address.isBlank());
  }

  static List<String> describe() {
    return List.of(
        target(), started == null ? "external" : "started by this run, log " + started.logFile());
  }
}
