package org.handoffengine.api;

import org.handoffengine.api.realserver.RealTemporal;

/** {@link VapiServerMessagesTest} on the real Temporal server. */
@RealTemporal
class VapiServerMessagesOnRealServerTest extends VapiServerMessagesTest {}
