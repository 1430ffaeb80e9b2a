package org.handoffengine.api;

import java.util.List;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.api.realserver.RealTemporalServers;

/**
 * {@link RoleSplitTest} on the real Temporal server: both roles in a namespace of their own on the
 * run's server, the worker role registering the journey search attributes there at start-up.
 */
@RealTemporal
class RoleSplitOnRealServerTest extends RoleSplitTest {

  @Override
  protected List<String> temporal() {
    return List.of(
        "--spring.temporal.connection.target=" + RealTemporalServers.target(),
        "--spring.temporal.namespace=" + RealTemporalServers.freshNamespace(),
        "--handoff.temporal.time-skipping=false");
  }
}
