package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where Vapi transfers a call (spec {@code TransferDestinationNumber} / {@code
 * TransferDestinationSip}): a phone number with what the assistant says first, or a SIP URI.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferDestination(String type, String number, String message, String sipUri) {

  /** A SIP URI ({@code sip:...}) or an E.164 number, as the route's transfer number is written. */
  public static TransferDestination to(String transferNumber, String message) {
    return transferNumber.startsWith("sip:")
        ? new TransferDestination("sip", null, null, transferNumber)
        : new TransferDestination("number", transferNumber, message, null);
  }
}
