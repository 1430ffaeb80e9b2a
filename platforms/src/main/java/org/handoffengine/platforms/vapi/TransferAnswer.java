package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a {@code transfer-destination-request} (spec {@code
 * ServerMessageResponseTransferDestinationRequest}, returned bare): a destination, or an error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferAnswer(TransferDestination destination, String error) {

  public static TransferAnswer to(TransferDestination destination) {
    return new TransferAnswer(destination, null);
  }

  public static TransferAnswer refused(String error) {
    return new TransferAnswer(null, error);
  }
}
