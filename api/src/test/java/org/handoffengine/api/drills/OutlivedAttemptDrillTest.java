package org.handoffengine.api.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Drill: Chatwoot turns slower than the attempt timeout (here 6 s against the test profile's 5 s)
 * just as a journey starts posting its messages, then recovers. Temporal retries the timed-out
 * attempt while the first one, still running, goes on posting: the retry's look for already-posted
 * messages happens before the first attempt's posts land, so both post.
 *
 * <p>Disabled: it fails today (messages posted twice). It reproduces the race behind the duplicates
 * the outage drill showed with a 5 s attempt timeout; see bench/RESULTS.md for the proposed fix
 * (an attempt stops writing once its timeout has passed, and checks again right before each post).
 */
@Disabled("known race: an attempt that outlives its timeout keeps posting while its retry posts too; see bench/RESULTS.md")
class OutlivedAttemptDrillTest extends EngineTest {

  @Test
  void anAttemptThatOutlivesItsTimeoutDoesNotPostAMessageTwice() {
    String phone = Callers.block(650, 1).get(0);
    AtomicInteger listings = new AtomicInteger();
    AtomicInteger summaries = new AtomicInteger();
    // Slow from the conversation on; fast again once two attempts have listed the messages and a
    // summary has landed, so the journey can finish whatever the engine does.
    Runnable stopWatching =
        CHATWOOT.onRequest(r -> {
          if (r.is("POST", ".*/conversations") && r.status() == 200 && r.body().contains("outlived-1")) {
            CHATWOOT.faults().latency(Duration.ofSeconds(6));
          } else if (r.is("GET", ".*/messages")) {
            listings.incrementAndGet();
          } else if (r.is("POST", ".*/messages") && r.body().contains("[handoff:call:outlived-1:summary]")) {
            summaries.incrementAndGet();
          }
          if (listings.get() >= 2 && summaries.get() >= 1) {
            CHATWOOT.faults().latency(Duration.ZERO);
          }
        });
    try {
      postVapi(Reports.endOfCall("outlived-1", phone).toString());
      CHATWOOT.awaitUntil("the call's messages", () -> ChatwootTally.of(CHATWOOT, List.of(phone)).messages() >= 3, Duration.ofMinutes(1));
    } finally {
      stopWatching.run();
      CHATWOOT.faults().latency(Duration.ZERO);
    }
    assertThat(ChatwootTally.of(CHATWOOT, List.of(phone))).isEqualTo(ChatwootTally.exactlyOnce(1, 3));
  }
}
