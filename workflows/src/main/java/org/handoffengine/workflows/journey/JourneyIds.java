package org.handoffengine.workflows.journey;

/**
 * Workflow ids derived from platform ids, so a webhook delivered twice lands on the same journey
 * and a journey can be found without Temporal's visibility store (the embedded server has none).
 */
public final class JourneyIds {

  public static final String TASK_QUEUE = "handoff-journeys";

  private static final String PREFIX = "journey-";

  private static final String CONTACTS_QUEUE_PREFIX = "handoff-contacts-";

  private JourneyIds() {}

  /**
   * The task queue of one Chatwoot account's contact step. Chatwoot allows each account a fixed
   * number of contact searches a minute; a queue per account lets the Temporal server hold the
   * step to that budget for every worker together ({@code maxTaskQueueActivitiesPerSecond}).
   */
  public static String contactTaskQueue(long accountId) {
    return CONTACTS_QUEUE_PREFIX + accountId;
  }

  /** The journey of a customer known by phone number (already E.164), on the default route. */
  public static String forCustomer(String e164) {
    return forCustomer(null, e164);
  }

  /**
   * The journey of a customer on a route: each team a customer calls gets its own journey
   * ({@code journey-<route>-<E.164>}); the default route keeps the plain {@code journey-<E.164>}.
   */
  public static String forCustomer(String route, String e164) {
    if (!CustomerPhone.isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 number: " + e164);
    }
    return PREFIX + routePart(route) + e164;
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
}
