package org.handoffengine.workflows.bot;

/** One message of the conversation as the bot sees it. */
public record ChatLine(Speaker speaker, String text) {

  public enum Speaker {
    CUSTOMER,
    BOT
  }
}
