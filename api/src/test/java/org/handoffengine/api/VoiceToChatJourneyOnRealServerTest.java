package org.handoffengine.api;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link VoiceToChatJourneyTest} on the real Temporal server. */
@RealTemporal
class VoiceToChatJourneyOnRealServerTest extends VoiceToChatJourneyTest {}
