package org.handoffengine.api.drills;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition outside Temporal and the sandboxes (an engine JVM's health, its readiness,
 * what a drill's own senders have recorded), checked every 100 ms until a deadline. Conditions on
 * what reaches a sandbox wait on the sandbox instead, which wakes on each request; conditions on a
 * workflow long-poll its history ({@link OpenJourneys}, {@code EngineTest.awaitNextEvent}).
 */
final class Await {

  private Await() {}

  static void until(String what, Duration patience, BooleanSupplier condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + patience + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
