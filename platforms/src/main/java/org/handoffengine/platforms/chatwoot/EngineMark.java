package org.handoffengine.platforms.chatwoot;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * How the engine marks the messages it posts, so a retried write finds what an earlier attempt
 * posted and a webhook about its own message is not taken for an agent's reply.
 *
 * <p>Recent Chatwoot keeps the {@code content_attributes} a message is created with and returns
 * them in message lists and webhooks: there the mark is {@code content_attributes.handoff_key},
 * invisible to customers and agents. Older Chatwoot drops them; there the only thing it always
 * returns is the content, so the mark is a visible tag at its end ({@code
 * [handoff:call:<id>:summary]}). Which one an installation does is learned from its answers: until
 * an answer shows, a message carries both; once Chatwoot has kept the attribute, no tag is added
 * again (and once it has dropped it, the tag always is). A conversation's message list teaches it
 * too, so a bot reply, which is always posted after the engine has listed the conversation, never
 * shows the tag where Chatwoot keeps the attribute. Readers accept either mark, whatever was
 * learned.
 */
public final class EngineMark {

  /** The key inside {@code content_attributes}. */
  public static final String ATTRIBUTE = "handoff_key";

  private static final Pattern TAG = Pattern.compile("\\[handoff:([^\\]\\s]+)]\\s*$");

  /** {@code handoff.chatwoot.marks}: learn from Chatwoot's answers, or decide up front. */
  public enum Mode {
    AUTO,
    CONTENT_ATTRIBUTES,
    VISIBLE_TAG
  }

  private final Mode mode;

  /** What Chatwoot's answers showed: null until one did. */
  private final AtomicReference<Boolean> keepsAttributes = new AtomicReference<>();

  public EngineMark(Mode mode) {
    this.mode = mode == null ? Mode.AUTO : mode;
  }

  /** The body of {@code POST .../messages} for one of the engine's messages. */
  public ChatwootPayloads.MessageCreate messageBody(
      String content, String key, boolean privateNote) {
    return new ChatwootPayloads.MessageCreate(
        visibleTag() ? tagged(content, key) : content,
        "outgoing",
        privateNote,
        "text",
        new ChatwootPayloads.ContentAttributes(key));
  }

  /**
   * Learns from Chatwoot's answer to a message create whether it keeps {@code content_attributes}.
   */
  public void learnFrom(JsonNode createdMessage) {
    if (mode == Mode.AUTO && createdMessage != null && createdMessage.has("id")) {
      keepsAttributes.set(attributeKey(createdMessage).isPresent());
    }
  }

  /**
   * Learns from a conversation's messages as Chatwoot lists them: one of the engine's messages with
   * its attribute proves Chatwoot keeps them. (Messages without it prove nothing: an earlier engine
   * may have posted them.)
   */
  public void learnFromListed(JsonNode message) {
    if (mode == Mode.AUTO && attributeKey(message).isPresent()) {
      keepsAttributes.set(true);
    }
  }

  /** Whether the next message gets the visible tag. */
  public boolean visibleTag() {
    return switch (mode) {
      case CONTENT_ATTRIBUTES -> false;
      case VISIBLE_TAG -> true;
      case AUTO -> !Boolean.TRUE.equals(keepsAttributes.get());
    };
  }

  public static String tagged(String content, String key) {
    return content + "\n\n[handoff:" + key + "]";
  }

  /**
   * The key of a message the engine posted (a message as the API lists it, or a {@code
   * message_created} webhook), or empty for anyone else's message.
   */
  public static Optional<String> keyOf(JsonNode message) {
    if (message == null) {
      return Optional.empty();
    }
    JsonNode attribute = message.path("content_attributes").path(ATTRIBUTE);
    return keyFrom(
        attribute.isString() ? attribute.asString() : null, message.path("content").asString(null));
  }

  /** The same, for a message bound as a record: its {@code content_attributes} and content. */
  public static Optional<String> keyOf(Map<String, ?> contentAttributes, String content) {
    Object attribute = contentAttributes == null ? null : contentAttributes.get(ATTRIBUTE);
    return keyFrom(attribute instanceof String key ? key : null, content);
  }

  /** The key of the visible tag at the end of {@code content}, if any. */
  public static Optional<String> keyOf(String content) {
    if (content == null) {
      return Optional.empty();
    }
    Matcher matcher = TAG.matcher(content);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The one answer to "is this the engine's own message": it carries either mark. */
  private static Optional<String> keyFrom(String attribute, String content) {
    return attribute != null && !attribute.isBlank() ? Optional.of(attribute) : keyOf(content);
  }

  public static boolean postedByEngine(JsonNode message) {
    return keyOf(message).isPresent();
  }

  public static boolean postedByEngine(Map<String, ?> contentAttributes, String content) {
    return keyOf(contentAttributes, content).isPresent();
  }

  /** The text as a person reads it: without the engine's tag. */
  public static String withoutTag(String content) {
    return content == null ? null : TAG.matcher(content).replaceFirst("").stripTrailing();
  }

  private static Optional<String> attributeKey(JsonNode message) {
    JsonNode value = message.path("content_attributes").path(ATTRIBUTE);
    return value.isString() && !value.asString().isBlank()
        ? Optional.of(value.asString())
        : Optional.empty();
  }
}
