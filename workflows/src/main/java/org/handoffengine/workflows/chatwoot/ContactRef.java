package org.handoffengine.workflows.chatwoot;

public record ContactRef(long contactId, String name, boolean created) {}
