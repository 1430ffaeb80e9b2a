package org.handoffengine.workflows.journey;

/**
 * Workflow ids derived from platform ids, so a webhook delivered twice lands on the same journey
 * and a journey can be found without Temporal's visibility store (the embedded server has none). A
 * customer's journey is named by the keyed hash of the number ({@link CustomerKey}), never by the
 * number itself: workflow ids are stored and shown unencrypted.
 */
public final class JourneyIds {

  public static final String TASK_QUEUE = "handoff-journeys";

  private static final String PREFIX = "journey-";

  private static final String CONTACTS_QUEUE_PREFIX = "handoff-contacts-";

  private JourneyIds() {}

  /**
   * The task queue of one Chatwoot account's contact step. Chatwoot allows each account a fixed
   * number of contact searches a minute; a queue per account lets the Temporal server hold the step
   * to that budget for every worker together ({@code maxTaskQueueActivitiesPerSecond}).
   */
  public static String contactTaskQueue(long accountId) {
    return CONTACTS_QUEUE_PREFIX + accountId;
  }

  /**
   * The journey of a customer on a route, named by the customer's keyed hash ({@link CustomerKey}):
   * {@code journey-<key>} on the default route, {@code journey-<route>-<key>} on another, so the id
   * Temporal stores in plaintext names no number. Each team a customer calls gets its own journey.
   */
  public static String forCustomerKey(String route, String customerKey) {
    if (!CustomerKey.isKey(customerKey)) {
      throw new IllegalArgumentException("not a customer key (32 lowercase hex digits)");
    }
    return PREFIX + routePart(route) + customerKey;
  }

  /**
   * The id journeys had before ids were hashed, {@code journey-[<route>-]<E.164>}: still the id of
   * journeys started then (lookups try it while they run), and the id of every journey when no
   * {@code handoff.privacy.id-key} is set and payloads are not encrypted (nothing is private then).
   */
  public static String legacyForCustomer(String route, String e164) {
    if (!CustomerPhone.isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 number: " + e164);
    }
    return PREFIX + routePart(route) + e164;
  }

  /**
   * What names the customer in a journey id: the customer key, or the E.164 number of a legacy id;
   * null for an anonymous call's journey or a value that is no journey id. A pure function of the
   * id, so workflow code may call it.
   */
  public static String customerPartOf(String journeyId) {
    if (!isJourneyId(journeyId)) {
      return null;
    }
    String rest = journeyId.substring(PREFIX.length());
    String route = routeOf(journeyId);
    if (route != null) {
      rest = rest.substring(route.length() + 1);
    }
    return CustomerKey.isKey(rest) || CustomerPhone.isE164(rest) ? rest : null;
  }

  /** The journey of a call that carried no customer number (a web call, a withheld number). */
  public static String forAnonymousCall(String callId) {
    return forAnonymousCall(null, callId);
  }

  public static String forAnonymousCall(String route, String callId) {
    if (callId == null || callId.isBlank()) {
      throw new IllegalArgumentException("a call id is required");
    }
    return PREFIX + routePart(route) + "call-" + callId;
  }

  /** The route a journey id names, or null for the default route. */
  public static String routeOf(String journeyId) {
    if (!isJourneyId(journeyId)) {
      return null;
    }
    String rest = journeyId.substring(PREFIX.length());
    if (rest.startsWith("+") || rest.startsWith("call-")) {
      return null;
    }
    int dash = rest.indexOf('-');
    return dash > 0 ? rest.substring(0, dash) : null;
  }

  /** Route names are part of workflow ids: lowercase letters and digits, and never "call". */
  public static boolean isRouteName(String name) {
    return name != null && name.matches("[a-z0-9]+") && !name.equals("call");
  }

  private static String routePart(String route) {
    if (route == null) {
      return "";
    }
    if (!isRouteName(route)) {
      throw new IllegalArgumentException("not a route name: " + route);
    }
    return route + "-";
  }

  public static boolean isJourneyId(String value) {
    return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length();
  }

  /**
   * Whether the engine could have issued this id: a customer's (by key, or by number from before
   * ids were hashed) or an anonymous call's, on the default route or a well-named one. A text that
   * only starts like one (an agent can edit a conversation's custom attributes) is not.
   */
  public static boolean isIssued(String value) {
    if (!isJourneyId(value)) {
      return false;
    }
    String route = routeOf(value);
    if (route != null && !isRouteName(route)) {
      return false;
    }
    String rest = value.substring(PREFIX.length() + (route == null ? 0 : route.length() + 1));
    return customerPartOf(value) != null
        || (rest.startsWith("call-") && rest.length() > "call-".length());
  }
}
