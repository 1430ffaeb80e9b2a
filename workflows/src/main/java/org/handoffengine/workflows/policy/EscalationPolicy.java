package org.handoffengine.workflows.policy;

import java.util.List;
import java.util.Locale;

/**
 * How a journey hands a customer to a human.
 *
 * @param teamId Chatwoot team to assign; takes precedence over {@code agentId}
 * @param agentId Chatwoot agent to assign when no team is configured
 * @param label label added to the conversation
 * @param phrases words in a customer message that ask for a person
 */
public record EscalationPolicy(Long teamId, Long agentId, String label, List<String> phrases) {

  public EscalationPolicy {
    phrases = phrases == null ? List.of() : List.copyOf(phrases);
  }

  /** Whole-word, case-insensitive match, so "agent" matches "an agent please" but not "agents'". */
  public boolean asksForAPerson(String customerMessage) {
    if (customerMessage == null || customerMessage.isBlank()) {
      return false;
    }
    String text =
        " " + customerMessage.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
    return phrases.stream()
        .map(p -> p.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim())
        .filter(p -> !p.isEmpty())
        .anyMatch(p -> text.contains(" " + p + " "));
  }
}
