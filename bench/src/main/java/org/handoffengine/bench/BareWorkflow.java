package org.handoffengine.bench;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The ceiling for acknowledgements: a workflow that does nothing, started with a signal by a bare
 * signal-with-start, as the engine starts a journey with its call's report.
 */
@WorkflowInterface
public interface BareWorkflow {

  @WorkflowMethod
  void run(String caller);

  @SignalMethod
  void report(String callId);

  /** Ends on its first workflow task, the signal already heard. */
  final class Impl implements BareWorkflow {
    @Override
    public void run(String caller) {}

    @Override
    public void report(String callId) {}
  }
}
