package org.handoffengine.journeys.privacy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.handoffengine.workflows.journey.CustomerKey;
import org.handoffengine.workflows.journey.JourneyIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which journey belongs to a customer's number. New journeys are named by the customer's keyed hash
 * ({@link CustomerKey}); a journey started before ids were hashed keeps its plain-number id, and
 * while it runs it is the customer's journey: a call, a tool call or a lookup reaches it rather
 * than starting a second one beside it.
 *
 * <p>Without {@code handoff.privacy.id-key} (allowed only while payloads are not encrypted, when
 * the payloads carry the number anyway) every journey keeps the plain-number id.
 */
public final class CustomerJourneys {

  private static final Logger log = LoggerFactory.getLogger(CustomerJourneys.class);

  /**
   * A legacy journey that cannot be looked up this fast is taken for finished: a ringing caller
   * waits for it.
   */
  private static final Duration LEGACY_LOOKUP_DEADLINE = Duration.ofSeconds(1);

  private final WorkflowClient temporal;
  private final CustomerKey keys;
  private final boolean legacyLookups;
  private final LegacyJourneyCensus census;

  public CustomerJourneys(
      WorkflowClient temporal, PrivacyProperties privacy, boolean encryptionOn) {
    this(
        temporal,
        privacy,
        encryptionOn,
        temporal == null ? null : LegacyJourneyCensus.of(temporal));
  }

  /**
   * @param census whether legacy journeys may still run; null: they may (every lookup looks)
   */
  CustomerJourneys(
      WorkflowClient temporal,
      PrivacyProperties privacy,
      boolean encryptionOn,
      LegacyJourneyCensus census) {
    this.temporal = temporal;
    this.census = census;
    if (privacy.idKey() == null) {
      if (encryptionOn) {
        throw new IllegalStateException(
            "handoff.privacy.id-key (env HANDOFF_PRIVACY_ID_KEY) is required when payload encryption is on:"
                + " journey ids and search attributes are stored unencrypted and name the customer by a keyed hash"
                + " of the number. Set at least "
                + CustomerKey.MIN_SECRET_LENGTH
                + " random characters (openssl rand -base64 32)"
                + " and keep them for the life of the deployment");
      }
      this.keys = null;
    } else {
      try {
        this.keys = new CustomerKey(privacy.idKey());
      } catch (IllegalArgumentException tooShort) {
        throw new IllegalStateException(
            "handoff.privacy.id-key (env HANDOFF_PRIVACY_ID_KEY) is too short: "
                + tooShort.getMessage());
      }
    }
    this.legacyLookups = privacy.legacyLookups();
  }

  /**
   * Refuses a real Temporal server without encrypted payloads (and so without hashed ids): it would
   * store every customer's number and name in the clear, for as long as it keeps histories. Only
   * {@code handoff.privacy.allow-plain-numbers} accepts that.
   */
  public static void requireEncryptionOnRealServer(
      boolean realServer, boolean encryptionOn, PrivacyProperties privacy) {
    if (realServer && !encryptionOn && !privacy.allowPlainNumbers()) {
      throw new IllegalStateException(
          "on a real Temporal server (TEMPORAL_ADDRESS) the engine needs payload encryption and"
              + " hashed journey ids, or Temporal stores customers' numbers and names in the clear:"
              + " set HANDOFF_ENCRYPTION_KEY_ID, HANDOFF_ENCRYPTION_KEYS_<ID> and"
              + " HANDOFF_PRIVACY_ID_KEY (README: Encrypted payloads), or accept it with"
              + " HANDOFF_PRIVACY_ALLOW_PLAIN_NUMBERS=true");
    }
  }

  /** True when journeys are named by keyed hashes; false in the plain-number mode. */
  public boolean hashed() {
    return keys != null;
  }

  /**
   * What a customer's journeys upsert as {@code HandoffCustomerKey}: the keyed hash, or the number
   * in plain-number mode.
   */
  public String keyOf(String e164) {
    return keys == null ? e164 : keys.of(e164);
  }

  /**
   * Whether journeys started before ids were hashed may still be about: they carry the plain number
   * in their id and in {@code HandoffCustomerPhone}. With hashed ids, no longer once the census has
   * counted none of them running ({@link LegacyJourneyCensus}).
   */
  public boolean legacyLookups() {
    return !hashed() || (legacyLookups && (census == null || census.mayBeRunning()));
  }

  /**
   * Counts the running journeys with ids from before hashed ids now, as the census does every few
   * minutes; empty when there is no census or the server cannot tell.
   */
  public OptionalLong recountLegacyJourneys() {
    return census == null ? OptionalLong.empty() : census.recount();
  }

  /** The id a new journey of this customer gets on this route (null: the default route). */
  public String newId(String route, String e164) {
    return keys == null
        ? JourneyIds.legacyForCustomer(route, e164)
        : JourneyIds.forCustomerKey(route, keys.of(e164));
  }

  /** Every id this customer's journey on this route may have, the current form first. */
  public List<String> candidateIds(String route, String e164) {
    String current = newId(route, e164);
    String legacy = JourneyIds.legacyForCustomer(route, e164);
    return current.equals(legacy) || !legacyLookups() ? List.of(current) : List.of(current, legacy);
  }

  /**
   * The customer's journey on this route: a legacy-id journey while it is still running, else the
   * hashed id (which signal-with-start creates when it does not exist yet). Asks Temporal only
   * while legacy journeys may still run.
   */
  public String journeyOf(String route, String e164) {
    String current = newId(route, e164);
    if (!hashed() || !legacyLookups()) {
      return current;
    }
    String legacy = JourneyIds.legacyForCustomer(route, e164);
    return isRunning(legacy) ? legacy : current;
  }

  /**
   * The journey a conversation's custom attribute names, or null when the engine never issues such
   * an id (agents can edit the attribute). An id from before ids were hashed names the legacy
   * journey while it runs, else the customer's hashed journey, so reopening that conversation
   * starts no run under a plain number, and its later events reach the run it started.
   */
  public String journeyNamed(String journeyId) {
    if (!JourneyIds.isIssued(journeyId)) {
      return null;
    }
    String part = JourneyIds.customerPartOf(journeyId);
    if (part == null || CustomerKey.isKey(part)) {
      return journeyId;
    }
    return journeyOf(JourneyIds.routeOf(journeyId), part);
  }

  /**
   * The number-free form of an id for log lines: a legacy id becomes the hashed id of the same
   * customer.
   */
  public String loggable(String journeyId) {
    String part = JourneyIds.customerPartOf(journeyId);
    if (keys == null || part == null || CustomerKey.isKey(part)) {
      return journeyId;
    }
    try {
      return JourneyIds.forCustomerKey(JourneyIds.routeOf(journeyId), keys.of(part));
    } catch (IllegalArgumentException notARoute) {
      return "journey-(not a journey id)"; // a malformed id from a request path, with a number in
      // it
    }
  }

  private boolean isRunning(String journeyId) {
    try {
      var description =
          temporal
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(LEGACY_LOOKUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(temporal.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(journeyId))
                      .build());
      return description.getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        // Temporal is slow or unreachable: the start that follows answers for it (a 503); the
        // hashed id is the one every journey started since has.
        log.warn(
            "Could not look for a journey started before hashed ids: {}", e.getStatus().getCode());
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "CustomerJourneys[hashed=" + hashed() + ", legacyLookups=" + legacyLookups + "]";
  }
}
