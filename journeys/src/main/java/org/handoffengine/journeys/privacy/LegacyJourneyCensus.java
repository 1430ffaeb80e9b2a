package org.handoffengine.journeys.privacy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.handoffengine.workflows.journey.JourneySearchAttributes;
import org.handoffengine.workflows.journey.JourneyWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a journey started before ids were hashed may still be running. Looking a customer's
 * journey up by its legacy id costs a Temporal round trip on every report; once visibility counts
 * none of those journeys running, lookups skip it. The count runs at first use and again every
 * {@link #RECOUNT} in the background, so a lookup never waits for it.
 *
 * <p>A legacy journey carries the plain number in {@code HandoffCustomerPhone} (upserted before ids
 * were hashed) or, in a run that continued as new since, as its {@code HandoffCustomerKey} (a
 * number starts with {@code +}, a key never does). Journeys get legacy ids only from an engine
 * without {@code handoff.privacy.id-key}, so none appears once every process has the key; one an
 * older engine starts during a rolling upgrade is found by the next count.
 *
 * <p>A server whose visibility cannot count (the embedded test server) is never asked again, and
 * every lookup tries the legacy id as before. A count that fails keeps the last answer.
 */
public final class LegacyJourneyCensus {

  private static final Logger log = LoggerFactory.getLogger(LegacyJourneyCensus.class);

  static final Duration RECOUNT = Duration.ofMinutes(5);

  /** Running journeys that carry a plain number in a search attribute. */
  static final String RUNNING_LEGACY_JOURNEYS =
      "WorkflowType = '"
          + JourneyWorkflow.class.getSimpleName()
          + "' AND ExecutionStatus = 'Running' AND ("
          + JourneySearchAttributes.CUSTOMER_PHONE.getName()
          + " IS NOT NULL OR "
          + JourneySearchAttributes.CUSTOMER_KEY.getName()
          + " STARTS_WITH '+')";

  /** The count: running legacy journeys; throws when the server cannot tell. */
  @FunctionalInterface
  interface Count {
    long runningLegacyJourneys();
  }

  private final Count count;
  private final Executor background;
  private final LongSupplier nanoTime;
  private final long recountNanos;
  private final AtomicBoolean counting = new AtomicBoolean();
  private volatile boolean noneRunning;
  private volatile boolean countable = true;
  private volatile long nextCountAt;
  private volatile boolean first = true;

  LegacyJourneyCensus(Count count, Executor background, LongSupplier nanoTime, Duration recount) {
    this.count = count;
    this.background = background;
    this.nanoTime = nanoTime;
    this.recountNanos = recount.toNanos();
    this.nextCountAt = nanoTime.getAsLong();
  }

  /** Counts with the visibility store of {@code temporal}'s namespace. */
  static LegacyJourneyCensus of(WorkflowClient temporal) {
    return new LegacyJourneyCensus(
        () -> temporal.countWorkflows(RUNNING_LEGACY_JOURNEYS).getCount(),
        ForkJoinPool.commonPool(),
        System::nanoTime,
        RECOUNT);
  }

  /**
   * False only while the last count found no legacy journey running; starts a count in the
   * background when one is due.
   */
  public boolean mayBeRunning() {
    if (countable
        && nanoTime.getAsLong() - nextCountAt >= 0
        && counting.compareAndSet(false, true)) {
      background.execute(this::recountNow);
    }
    return !noneRunning;
  }

  /**
   * Counts now and remembers the answer: the number of legacy journeys running, or empty when the
   * server could not tell.
   */
  public OptionalLong recount() {
    if (!countable) {
      return OptionalLong.empty();
    }
    counting.set(true);
    return recountNow();
  }

  private OptionalLong recountNow() {
    try {
      long running = count.runningLegacyJourneys();
      if (first || noneRunning != (running == 0)) {
        log.info(
            "{} running journeys have ids from before ids were hashed{}",
            running,
            running == 0
                ? "; lookups by number no longer look for such ids"
                : "; lookups by number also try their ids");
      }
      noneRunning = running == 0;
      first = false;
      return OptionalLong.of(running);
    } catch (RuntimeException e) {
      if (unimplemented(e)) {
        countable = false;
        log.info(
            "This Temporal server cannot count journeys; every lookup by number also tries the id journeys had before ids were hashed");
      } else {
        log.warn(
            "Could not count journeys with ids from before hashed ids ({}); trying again in {}",
            e.getMessage(),
            RECOUNT);
      }
      return OptionalLong.empty();
    } finally {
      nextCountAt = nanoTime.getAsLong() + recountNanos;
      counting.set(false);
    }
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
