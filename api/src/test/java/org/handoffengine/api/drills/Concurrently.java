package org.handoffengine.api.drills;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Sends a drill's requests from several threads at once, the way webhook senders overlap. */
final class Concurrently {

  private Concurrently() {}

  /** Applies {@code send} to every item from {@code threads} threads; results in item order. */
  static <T, R> List<R> map(List<T> items, int threads, Function<T, R> send) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<R>> futures =
          items.stream().map(item -> pool.submit(() -> send.apply(item))).toList();
      return futures.stream().map(Concurrently::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R join(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
