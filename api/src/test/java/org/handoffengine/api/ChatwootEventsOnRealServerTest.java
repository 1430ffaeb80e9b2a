package org.handoffengine.api;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link ChatwootEventsTest} on the real Temporal server. */
@RealTemporal
class ChatwootEventsOnRealServerTest extends ChatwootEventsTest {}
