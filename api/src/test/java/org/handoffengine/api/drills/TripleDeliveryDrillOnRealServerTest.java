package org.handoffengine.api.drills;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link TripleDeliveryDrillTest} on the real Temporal server. */
@RealTemporal
class TripleDeliveryDrillOnRealServerTest extends TripleDeliveryDrillTest {}
