package org.handoffengine.platforms.vapi;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import org.handoffengine.platforms.FlexibleInstant;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code message} of a Vapi server message (spec {@code ServerMessage}), by its {@code type}:
 * the types the engine acts on have a record each; every other type, and a message without one,
 * binds as {@link Other}. Every type carries the call and its customer.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = VapiServerMessage.Other.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = VapiServerMessage.EndOfCallReport.class, name = "end-of-call-report"),
  @JsonSubTypes.Type(value = VapiServerMessage.StatusUpdate.class, name = "status-update"),
  @JsonSubTypes.Type(value = VapiServerMessage.Hang.class, name = "hang"),
  @JsonSubTypes.Type(value = VapiServerMessage.ToolCalls.class, name = "tool-calls"),
  @JsonSubTypes.Type(value = VapiServerMessage.AssistantRequest.class, name = "assistant-request"),
  @JsonSubTypes.Type(
      value = VapiServerMessage.TransferDestinationRequest.class,
      name = "transfer-destination-request")
})
public sealed interface VapiServerMessage {

  /** The type as Vapi sent it; null or blank when it sent none. */
  String type();

  VapiCall call();

  VapiCustomer customer();

  /** The caller's number as Vapi sent it: the message's customer, else the call's. */
  default String customerNumber() {
    return VapiText.first(
        customer() == null ? null : customer().number(),
        call() == null || call().customer() == null ? null : call().customer().number());
  }

  /** The call's id, or null when the message carries no call. */
  default String callId() {
    return call() == null ? null : VapiText.of(call().id());
  }

  /**
   * {@code end-of-call-report} (spec {@code ServerMessageEndOfCallReport}). {@code summary}, {@code
   * transcript} and {@code recordingUrl} at the top are the legacy places of what {@code analysis}
   * and {@code artifact} carry now.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EndOfCallReport(
      String type,
      VapiCall call,
      VapiCustomer customer,
      String endedReason,
      Double cost,
      @JsonDeserialize(using = FlexibleInstant.class) Instant startedAt,
      @JsonDeserialize(using = FlexibleInstant.class) Instant endedAt,
      VapiAnalysis analysis,
      VapiArtifact artifact,
      String summary,
      String transcript,
      String recordingUrl)
      implements VapiServerMessage {}

  /** {@code status-update} (spec {@code ServerMessageStatusUpdate}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record StatusUpdate(
      String type, VapiCall call, VapiCustomer customer, String status, String endedReason)
      implements VapiServerMessage {}

  /** {@code hang} (spec {@code ServerMessageHang}): the assistant has gone quiet on a live call. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Hang(String type, VapiCall call, VapiCustomer customer) implements VapiServerMessage {}

  /**
   * {@code tool-calls} (spec {@code ServerMessageToolCalls}). Live traffic has also carried the
   * calls as {@code toolCalls}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ToolCalls(
      String type,
      VapiCall call,
      VapiCustomer customer,
      @JsonAlias("toolCalls") List<ToolCall> toolCallList)
      implements VapiServerMessage {

    public ToolCalls {
      toolCallList = toolCallList == null ? List.of() : toolCallList;
    }
  }

  /**
   * {@code assistant-request} (spec {@code ServerMessageAssistantRequest}): an inbound call rings.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AssistantRequest(String type, VapiCall call, VapiCustomer customer)
      implements VapiServerMessage {}

  /**
   * {@code transfer-destination-request} (spec {@code ServerMessageTransferDestinationRequest}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TransferDestinationRequest(String type, VapiCall call, VapiCustomer customer)
      implements VapiServerMessage {}

  /** Any other type (transcripts, speech updates, types Vapi adds later), or none. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Other(String type, VapiCall call, VapiCustomer customer) implements VapiServerMessage {}
}
