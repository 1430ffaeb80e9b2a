package org.handoffengine.activities.chatwoot;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag the engine puts at the end of every message it posts: {@code [handoff:call:<id>:summary]}.
 *
 * <p>Chatwoot's message API drops custom {@code content_attributes} and does not persist {@code
 * echo_id}, but it always returns the content. The tag therefore does two jobs: a retried write
 * finds the message an earlier attempt posted, and a webhook about a message the engine wrote is
 * recognised and ignored instead of being taken for an agent's reply.
 */
public final class EngineMark {

  private static final Pattern TAG = Pattern.compile("\\[handoff:([^\\]\\s]+)]\\s*$");

  private EngineMark() {}

  public static String mark(String content, String key) {
    return content + "\n\n[handoff:" + key + "]";
  }

  /** The key of a message the engine posted, or empty for anyone else's message. */
  public static Optional<String> keyOf(String content) {
    if (content == null) {
      return Optional.empty();
    }
    Matcher matcher = TAG.matcher(content);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  public static boolean postedByEngine(String content) {
    return keyOf(content).isPresent();
  }
}
