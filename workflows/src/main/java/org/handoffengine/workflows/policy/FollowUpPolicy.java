package org.handoffengine.workflows.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When the engine calls a quiet customer back.
 *
 * <p>The first call is due once the customer has been quiet for {@code quietPeriod}. After call
 * <i>k</i> goes unanswered the next is due {@code attemptDelays[k-1]} later; the last delay is how
 * long the journey still waits for an answer before it gives up. So {@code PT24H} quiet and delays
 * {@code PT24H,PT48H,PT72H} call on days 1, 2 and 4 and give up on day 7. Every due time is moved
 * into the {@link CallingWindow} of the customer's zone.
 *
 * @param zone default zone for customers whose own zone is unknown
 * @param reportTimeout how long to wait for the end-of-call report of a placed call before asking
 *     Vapi for the call directly (Vapi does not redeliver a lost report)
 * @param onOutcome what to do after each kind of call outcome
 * @param assistantId Vapi assistant that places follow-up calls
 * @param phoneNumberId Vapi phone number follow-up calls come from
 */
public record FollowUpPolicy(
    boolean enabled,
    Duration quietPeriod,
    List<Duration> attemptDelays,
    CallingWindow callingWindow,
    String zone,
    Duration reportTimeout,
    Map<CallOutcome, FollowUpAction> onOutcome,
    String assistantId,
    String phoneNumberId) {

  public static final Map<CallOutcome, FollowUpAction> DEFAULT_RULES = defaultRules();

  public FollowUpPolicy {
    attemptDelays = attemptDelays == null ? List.of() : List.copyOf(attemptDelays);
    Map<CallOutcome, FollowUpAction> rules = new EnumMap<>(DEFAULT_RULES);
    if (onOutcome != null) {
      rules.putAll(onOutcome);
    }
    onOutcome = Map.copyOf(rules);
  }

  public int maxAttempts() {
    return enabled ? attemptDelays.size() : 0;
  }

  /**
   * When attempt {@code attemptsMade + 1} is due, or when the sequence gives up if every attempt
   * has been made.
   *
   * @param quietSince when the customer last had a reason to answer (conversation opened, last
   *     call)
   * @param lastAttemptAt when the previous follow-up was placed; ignored for the first attempt
   */
  public Instant nextDueAt(
      Instant quietSince, int attemptsMade, Instant lastAttemptAt, ZoneId customerZone) {
    Instant due =
        attemptsMade == 0
            ? quietSince.plus(quietPeriod)
            : lastAttemptAt.plus(
                attemptDelays.get(Math.min(attemptsMade, attemptDelays.size()) - 1));
    if (attemptsMade >= maxAttempts()) {
      return due; // giving up needs no calling window
    }
    return callingWindow.firstOpenAtOrAfter(due, customerZone);
  }

  public FollowUpAction actionAfter(CallOutcome outcome) {
    return onOutcome.getOrDefault(outcome, FollowUpAction.RETRY);
  }

  public ZoneId zoneOrDefault(String customerZone) {
    return ZoneId.of(customerZone != null ? customerZone : zone);
  }

  private static Map<CallOutcome, FollowUpAction> defaultRules() {
    Map<CallOutcome, FollowUpAction> rules = new EnumMap<>(CallOutcome.class);
    rules.put(CallOutcome.ANSWERED, FollowUpAction.STOP);
    rules.put(CallOutcome.NO_ANSWER, FollowUpAction.RETRY);
    rules.put(CallOutcome.BUSY, FollowUpAction.RETRY);
    rules.put(CallOutcome.VOICEMAIL, FollowUpAction.RETRY);
    rules.put(CallOutcome.DECLINED, FollowUpAction.STOP);
    rules.put(CallOutcome.TRANSFERRED, FollowUpAction.STOP);
    rules.put(CallOutcome.FAILED, FollowUpAction.RETRY);
    return rules;
  }
}
