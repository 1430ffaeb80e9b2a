package org.handoffengine.activities.setup;

/** One resource {@code setup} looked at, and what it did (or, in a dry run, would do) about it. */
public record SetupChange(String platform, String resource, Action action, String detail) {

  public enum Action {
    CREATE,
    UPDATE,
    KEEP,
    SKIP
  }

  public boolean changes() {
    return action == Action.CREATE || action == Action.UPDATE;
  }

  @Override
  public String toString() {
    return String.format("%-8s %-8s %-34s %s", platform, action, resource, detail);
  }
}
