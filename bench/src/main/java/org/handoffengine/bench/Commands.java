package org.handoffengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a short system command the bench needs ({@code kill}, {@code taskset}) to its end. */
final class Commands {

  private Commands() {}

  /** What the command printed; throws when it cannot start or ends with a non-zero status. */
  static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
