package org.handoffengine.api;

import org.handoffengine.api.realserver.RealTemporal;

/**
 * {@link CustomerPrivacyTest} on the real Temporal server, whose visibility store indexes the
 * search attributes.
 */
@RealTemporal
class CustomerPrivacyOnRealServerTest extends CustomerPrivacyTest {}
