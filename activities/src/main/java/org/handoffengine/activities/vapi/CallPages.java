package org.handoffengine.activities.vapi;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.handoffengine.activities.http.PlatformFailures;
import org.handoffengine.platforms.vapi.VapiCall;

/**
 * Vapi's call list read back through every page. {@code GET /call} answers one page, newest first,
 * with no cursor, so the next page is asked for with {@code createdAtLe} set to the oldest call of
 * the last one. Le, not Lt: calls created in the same instant as a page's oldest may not all be on
 * that page, and Lt would skip the rest. The next page repeats those that were; each call is handed
 * on once, by id.
 *
 * <p>A look that cannot reach the end of the list throws {@link Incomplete}: after {@code maxPages}
 * full pages, or when more than a page of calls share one {@code createdAt} (the next request would
 * repeat the last). Each caller decides what a look it could not finish means.
 */
public final class CallPages {

  /** The list could not be read to its end; the message says why. */
  public static final class Incomplete extends RuntimeException {
    Incomplete(String why) {
      super(why, null, false, false);
    }
  }

  private final VapiApi api;
  private final int page;
  private final int maxPages;

  /**
   * @param page calls per request ({@code limit}, at most 1000)
   * @param maxPages requests before the look gives up
   */
  public CallPages(VapiApi api, int page, int maxPages) {
    this.api = api;
    this.page = page;
    this.maxPages = maxPages;
  }

  /** Every call matching {@code filters}, once each, newest first. */
  public List<VapiCall> all(Map<String, String> filters) {
    List<VapiCall> calls = new ArrayList<>();
    first(
        filters,
        call -> {
          calls.add(call);
          return false;
        });
    return calls;
  }

  /**
   * The newest call matching {@code filters} that {@code wanted} accepts; empty once the list ends
   * without one. Pages stop as soon as it is found.
   */
  public Optional<VapiCall> first(Map<String, String> filters, Predicate<VapiCall> wanted) {
    Map<String, String> query = new HashMap<>(filters);
    query.put("limit", String.valueOf(page));
    Set<String> seen = new HashSet<>();
    for (int read = 0; read < maxPages; read++) {
      List<VapiCall> calls = api.listCalls(query);
      if (calls == null) {
        throw ApplicationFailure.newFailure(
            "Vapi answered GET /call without a list of calls", PlatformFailures.UNAVAILABLE);
      }
      for (VapiCall call : calls) {
        if (seen.add(call.id()) && wanted.test(call)) {
          return Optional.of(call);
        }
      }
      if (calls.size() < page) {
        return Optional.empty();
      }
      String oldest = calls.get(calls.size() - 1).createdAt();
      if (oldest == null) {
        throw new Incomplete("a call on a full page has no createdAt to page on");
      }
      if (oldest.equals(query.get("createdAtLe"))) {
        // Newest first, so the whole page was created at that instant: the same request again
        // would answer the same page.
        throw new Incomplete(
            "more than a page (" + page + ") of calls created at " + oldest + " to page past");
      }
      query.put("createdAtLe", oldest);
    }
    throw new Incomplete(
        maxPages + " full pages of " + page + " calls and still not the end of the list");
  }
}
