package org.handoffengine.api.chatwoot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffengine.api.web.ApiProblem;
import org.handoffengine.api.web.WebhookAuthenticationFilter;
import org.handoffengine.api.web.WebhookMeter;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Chatwoot's webhook URLs answer only deliveries that authenticate as the sender the URL names (see
 * {@link ChatwootWebhookAuthenticator}): the plain URL is the default account's webhook.
 */
@Component
class ChatwootWebhookFilter extends WebhookAuthenticationFilter {

  private static final Logger log = LoggerFactory.getLogger(ChatwootWebhookController.class);
  private static final Pattern ACCOUNT =
      Pattern.compile("/webhooks/chatwoot/accounts/([^/]+)(/bot)?");

  private final ChatwootWebhookAuthenticator authenticator;
  private final ChatwootProperties chatwoot;
  private final WebhookMeter meter;

  ChatwootWebhookFilter(
      ChatwootWebhookAuthenticator authenticator,
      ChatwootProperties chatwoot,
      WebhookMeter meter,
      ObjectMapper json) {
    super(json);
    this.authenticator = authenticator;
    this.chatwoot = chatwoot;
    this.meter = meter;
  }

  /**
   * An account id that is not a plain number guards nothing here: the controller, which requires
   * this filter's attribute, refuses it.
   */
  @Override
  protected Object target(String path) {
    if ("/webhooks/chatwoot".equals(path)) {
      return new ChatwootTarget(chatwoot.accountId(), false);
    }
    Matcher account = ACCOUNT.matcher(path);
    if (!account.matches()) {
      return null;
    }
    try {
      return new ChatwootTarget(Long.parseLong(account.group(1)), account.group(2) != null);
    } catch (NumberFormatException notAnAccount) {
      return null;
    }
  }

  @Override
  protected void authenticate(Object target, HttpServletRequest request, byte[] body) {
    authenticator.authenticate(
        (ChatwootTarget) target,
        new ServletServerHttpRequest(request).getHeaders(),
        request.getParameter("token"),
        body);
  }

  @Override
  protected void refused(Object target, HttpServletRequest request, ApiProblem problem) {
    // Chatwoot never retries an account webhook and logs a refusal only on its side: say it here.
    log.warn(
        "Chatwoot delivery {} to the {} refused: {}",
        request.getHeader(ChatwootWebhookController.DELIVERY),
        target,
        problem.getMessage());
    meter.received("chatwoot", "unknown", ChatwootWebhookController.KNOWN_EVENTS, "refused");
  }
}
