package org.handoffengine.activities.vapi;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handoffengine.activities.http.PlatformFailures;
import org.handoffengine.platforms.vapi.VapiCall;

/**
 * Finds the call an earlier attempt of a follow-up placed. {@code POST /call} is not idempotent, so
 * a retry dials only after it has seen every call since the activity was scheduled: one it misses
 * is a second call to the customer. {@code GET /call} answers one page, newest first, so the look
 * pages back through {@code createdAt}.
 */
final class EarlierCall {

  /**
   * Vapi's default page, not its maximum of 1000: ended calls carry their transcripts and messages,
   * and a page must arrive within one request timeout.
   */
  static final int PAGE = 100;

  /**
   * 2,000 calls of the engine's assistant and number since the activity was scheduled. Past that
   * the attempt fails and retries: a second call is worse than a late one.
   */
  static final int MAX_PAGES = 20;

  /** Retryable: the look could not cover the window, so this attempt places no call. */
  static final String INCOMPLETE = "VapiCallLookupIncomplete";

  private final VapiApi api;
  private final int page;
  private final int maxPages;

  EarlierCall(VapiApi api) {
    this(api, PAGE, MAX_PAGES);
  }

  EarlierCall(VapiApi api, int page, int maxPages) {
    this.api = api;
    this.page = page;
    this.maxPages = maxPages;
  }

  /** The id of the call Vapi holds under {@code attemptKey}, created after {@code since}. */
  Optional<String> find(
      String assistantId, String phoneNumberId, String attemptKey, Instant since) {
    Map<String, String> filters = new HashMap<>();
    // Every call the engine places has both; inbound calls and other assistants are not read.
    filters.put("assistantId", assistantId);
    filters.put("phoneNumberId", phoneNumberId);
    filters.put("createdAtGt", since.toString());
    filters.put("limit", String.valueOf(page));
    for (int read = 0; read < maxPages; read++) {
      List<VapiCall> calls = api.listCalls(filters);
      if (calls == null) {
        throw ApplicationFailure.newFailure(
            "Vapi answered GET /call without a list of calls", PlatformFailures.UNAVAILABLE);
      }
      Optional<String> placed =
          calls.stream()
              .filter(call -> attemptKey.equals(call.attemptKey()))
              .map(VapiCall::id)
              .findFirst();
      if (placed.isPresent() || calls.size() < page) {
        return placed;
      }
      String oldest = calls.get(calls.size() - 1).createdAt();
      if (oldest == null) {
        throw incomplete("a call on a full page has no createdAt to page on");
      }
      // Le, not Lt: calls created in the same instant as the page's oldest may not all be on it.
      // The next page repeats those on it; more than a page of them in one instant repeats the
      // same page, which ends in the failure below.
      filters.put("createdAtLe", oldest);
    }
    throw incomplete(
        maxPages
            + " full pages since "
            + since
            + " and neither the call nor the end of the list; not dialling without knowing"
            + " whether an earlier attempt did");
  }

  private static ApplicationFailure incomplete(String why) {
    return ApplicationFailure.newFailure("could not list Vapi's calls: " + why, INCOMPLETE);
  }
}
