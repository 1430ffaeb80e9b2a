package org.handoffengine.workflows.journey;

/**
 * The journey's answer to an {@link AgentAction}, given once the action is in its history.
 *
 * @param accepted false when there was nothing to do or it may not be done now; {@code detail} says
 *     why
 */
public record ActionAnswer(boolean accepted, String detail) {

  public static ActionAnswer accepted(String detail) {
    return new ActionAnswer(true, detail);
  }

  public static ActionAnswer refused(String detail) {
    return new ActionAnswer(false, detail);
  }
}
