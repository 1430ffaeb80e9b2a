package org.handoffengine.api.drills;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Numbers for a drill's callers: each drill owns a block, so its counts see only its own journeys.
 */
final class Callers {

  private Callers() {}

  /** {@code count} E.164 numbers +1415&lt;block&gt;NNNN. */
  static List<String> block(int block, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> String.format(Locale.ROOT, "+1415%03d%04d", block, i))
        .toList();
  }
}
