package org.handoffengine.api.drills;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link ChatwootOutageDrillTest} on the real Temporal server. */
@RealTemporal
class ChatwootOutageDrillOnRealServerTest extends ChatwootOutageDrillTest {}
