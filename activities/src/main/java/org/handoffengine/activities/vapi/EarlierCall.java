package org.handoffengine.activities.vapi;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.handoffengine.platforms.vapi.VapiCall;

/**
 * Finds the call an earlier attempt of a follow-up placed. {@code POST /call} is not idempotent, so
 * a retry dials only after it has seen every call since the activity was scheduled: one it misses
 * is a second call to the customer. {@link CallPages} reads back through the list.
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

  private final CallPages pages;

  EarlierCall(VapiApi api) {
    this(api, PAGE, MAX_PAGES);
  }

  EarlierCall(VapiApi api, int page, int maxPages) {
    this.pages = new CallPages(api, page, maxPages);
  }

  /** The id of the call Vapi holds under {@code attemptKey}, created after {@code since}. */
  Optional<String> find(
      String assistantId, String phoneNumberId, String attemptKey, Instant since) {
    Map<String, String> filters = new HashMap<>();
    // Every call the engine places has both; inbound calls and other assistants are not read.
    filters.put("assistantId", assistantId);
    filters.put("phoneNumberId", phoneNumberId);
    filters.put("createdAtGt", since.toString());
    try {
      return pages.first(filters, call -> attemptKey.equals(call.attemptKey())).map(VapiCall::id);
    } catch (CallPages.Incomplete incomplete) {
      throw ApplicationFailure.newFailure(
          "could not list Vapi's calls since "
              + since
              + ": "
              + incomplete.getMessage()
              + "; not dialling without knowing whether an earlier attempt did",
          INCOMPLETE);
    }
  }
}
