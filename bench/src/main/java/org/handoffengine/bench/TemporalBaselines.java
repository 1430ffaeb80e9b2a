package org.handoffengine.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own ceilings, measured in the same run against the same server: a minimal Java
 * client (one gRPC channel, the SDK's defaults, no encryption, no HTTP) that signal-with-starts
 * {@link BareWorkflow} and {@link NoopActivitiesWorkflow}, and a worker for both in the bench
 * process on a task queue of its own.
 */
final class TemporalBaselines implements AutoCloseable {

  static final String TASK_QUEUE = "bench-baseline";

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  // As many callers as the engine's Tomcat has request threads: the open model's requests wait
  // for the server here, as the engine's webhooks do.
  private final ExecutorService callers =
      Executors.newFixedThreadPool(
          200,
          r -> {
            Thread thread = new Thread(r, "baseline-client");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile Semaphore inFlight;

  TemporalBaselines(String target) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    client = WorkflowClient.newInstance(service);
    workers = WorkerFactory.newInstance(client);
    var worker = workers.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        BareWorkflow.Impl.class, NoopActivitiesWorkflow.Impl.class);
    worker.registerActivitiesImplementations(
        new NoopActivitiesWorkflow.Steps(
            last -> {
              finished.incrementAndGet();
              Semaphore slots = inFlight;
              if (slots != null) {
                slots.release();
              }
            }));
    workers.start();
  }

  /** One bare signal-with-start, blocking until the server has recorded it. */
  boolean signalWithStart() {
    String id = "baseline-sws-" + sequence.incrementAndGet();
    stub("BareWorkflow", id)
        .signalWithStart("report", new Object[] {"call-" + id}, new Object[] {"caller-" + id});
    return true;
  }

  /** The same, on the caller pool, for the open model. */
  CompletableFuture<Boolean> signalWithStartAsync() {
    return CompletableFuture.supplyAsync(this::signalWithStart, callers);
  }

  /**
   * Starts a run of {@code activities} no-op steps; {@link #finished()} counts it when its last
   * step runs.
   */
  void startNoopActivities(int activities) {
    String id = "baseline-steps-" + sequence.incrementAndGet();
    stub("NoopActivitiesWorkflow", id)
        .signalWithStart("report", new Object[] {"call-" + id}, new Object[] {activities});
  }

  /** The client, for reading histories. */
  WorkflowClient client() {
    return client;
  }

  /** Runs that reached their last step so far. */
  int finished() {
    return finished.get();
  }

  /** Released once per finished run, so a closed-model load keeps a fixed number in flight. */
  void releaseOnFinish(Semaphore slots) {
    inFlight = slots;
  }

  private WorkflowStub stub(String type, String id) {
    return client.newUntypedWorkflowStub(
        type, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TASK_QUEUE).build());
  }

  @Override
  public void close() {
    workers.shutdownNow();
    callers.shutdownNow();
    service.shutdownNow();
  }
}
