package org.handoffengine.bench;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's test server on a port, for the worker-restart drill, with one difference that makes it
 * behave as a real cluster does when a worker dies.
 *
 * <p>A worker asks for its next workflow tasks on a sticky queue of its own. A real server gives a
 * task waiting there 5 s (the sticky schedule-to-start timeout) and then moves it to the normal
 * queue, so a dead worker's journeys go on elsewhere. The test server has no such timeout, so they
 * would wait for the dead worker forever. Dropping the sticky request from every completed
 * workflow task keeps each journey's tasks on the normal queue, which any worker polls: what a real
 * server does 5 s after the worker's death, done from the start. The engine is unchanged; it only
 * replays a journey's history for each task instead of keeping it cached.
 */
final class DrillTemporalServer implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;

  private DrillTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  static DrillTemporalServer start(int port) throws IOException {
    // Time skipping locked: the server keeps wall-clock time, as a real cluster does.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, List.of(new NoStickyQueues()));
    return new DrillTemporalServer(services, builder.build().start());
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    services.close();
  }

  private static final class NoStickyQueues implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
        @Override
        @SuppressWarnings("unchecked")
        public void onMessage(Q message) {
          if (message instanceof RespondWorkflowTaskCompletedRequest completed && completed.hasStickyAttributes()) {
            message = (Q) completed.toBuilder().clearStickyAttributes().build();
          }
          super.onMessage(message);
        }
      };
    }
  }
}
