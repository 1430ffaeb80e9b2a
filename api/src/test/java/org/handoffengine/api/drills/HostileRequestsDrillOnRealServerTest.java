package org.handoffengine.api.drills;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link HostileRequestsDrillTest} on the real Temporal server. */
@RealTemporal
class HostileRequestsDrillOnRealServerTest extends HostileRequestsDrillTest {}
