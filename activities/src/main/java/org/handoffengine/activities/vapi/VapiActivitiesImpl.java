package org.handoffengine.activities.vapi;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.handoffengine.activities.http.AttemptDeadline;
import org.handoffengine.activities.http.PlatformFailures;
import org.handoffengine.platforms.vapi.VapiCall;
import org.handoffengine.platforms.vapi.VapiCallReports;
import org.handoffengine.workflows.journey.CallReport;
import org.handoffengine.workflows.vapi.FollowUpCallRequest;
import org.handoffengine.workflows.vapi.PlacedCall;
import org.handoffengine.workflows.vapi.VapiActivities;

/** {@link VapiActivities} over Vapi's REST API. */
public class VapiActivitiesImpl implements VapiActivities {

  /**
   * Clock skew tolerated between this worker and Vapi when looking for an earlier attempt's call.
   */
  private static final Duration SKEW = Duration.ofMinutes(10);

  private final VapiApi api;
  private final EarlierCall earlierCall;
  private final String defaultRegion;
  private final Duration requestTimeout;

  /**
   * @param requestTimeout the Vapi client's HTTP timeout, which bounds how long a call placement
   *     can run
   */
  public VapiActivitiesImpl(VapiApi api, String defaultRegion, Duration requestTimeout) {
    this.api = api;
    this.earlierCall = new EarlierCall(api);
    this.defaultRegion = defaultRegion;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public PlacedCall placeFollowUpCall(FollowUpCallRequest request) {
    if (request.assistantId() == null || request.phoneNumberId() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "follow-up calls need handoff.vapi.assistant-id and handoff.vapi.phone-number-id",
          PlatformFailures.REJECTED);
    }
    AttemptDeadline attempt = AttemptDeadline.start(requestTimeout, Clock.systemUTC());
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    // Stable across retries of this activity, different for every follow-up the journey places.
    String attemptKey = info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
    if (info.getAttempt() > 1) {
      // POST /call is not idempotent: a retry first looks for the call an earlier attempt placed.
      Optional<String> earlier =
          earlierCall.find(
              request.assistantId(),
              request.phoneNumberId(),
              attemptKey,
              Instant.ofEpochMilli(info.getScheduledTimestamp()).minus(SKEW));
      if (earlier.isPresent()) {
        return new PlacedCall(earlier.get(), true);
      }
    }
    Map<String, String> metadata =
        Map.of(VapiCall.ATTEMPT_KEY, attemptKey, VapiCall.JOURNEY_ID_KEY, request.journeyId());
    // The next attempt's look must come after this placement has ended, or both dial.
    attempt.beforeWrite("place the call");
    VapiCall call;
    try {
      call =
          api.createCall(
              new CreateCall(
                  "Handoff follow-up " + request.attempt(),
                  request.assistantId(),
                  request.phoneNumberId(),
                  new CreateCall.Customer(
                      request.customerNumber(),
                      CreateCall.fit(blankToNull(request.customerName()))),
                  new CreateCall.AssistantOverrides(
                      new HashMap<>(request.variableValues()), metadata)));
    } catch (ApplicationFailure refused) {
      throw ConcurrencyCap.retryableIfOver(refused);
    }
    String callId = call == null ? null : call.id();
    if (callId == null || callId.isBlank()) {
      throw ApplicationFailure.newFailure(
          "Vapi answered POST /call without a call id", PlatformFailures.UNAVAILABLE);
    }
    return new PlacedCall(callId, false);
  }

  @Override
  public CallReport fetchEndedCall(String callId) {
    VapiCall call = api.getCall(callId);
    if (call == null || !"ended".equals(call.status())) {
      return null;
    }
    return VapiCallReports.fromCall(call, defaultRegion);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
