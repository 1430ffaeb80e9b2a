package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Vapi's {@code customer} of a call or server message: the number as the caller dialled from. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VapiCustomer(String number, String name) {}
