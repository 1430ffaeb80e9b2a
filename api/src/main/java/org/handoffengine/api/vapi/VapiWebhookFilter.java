package org.handoffengine.api.vapi;

import jakarta.servlet.http.HttpServletRequest;
import org.handoffengine.api.web.WebhookAuthenticationFilter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Vapi's server URL answers only deliveries carrying Vapi's credential; see {@link
 * VapiWebhookAuthenticator}.
 */
@Component
class VapiWebhookFilter extends WebhookAuthenticationFilter {

  static final String PATH = "/webhooks/vapi";

  private final VapiWebhookAuthenticator authenticator;

  VapiWebhookFilter(VapiWebhookAuthenticator authenticator, ObjectMapper json) {
    super(json);
    this.authenticator = authenticator;
  }

  @Override
  protected Object target(String path) {
    return PATH.equals(path) ? "vapi" : null;
  }

  @Override
  protected void authenticate(Object target, HttpServletRequest request, byte[] body) {
    authenticator.authenticate(new ServletServerHttpRequest(request).getHeaders(), body);
  }
}
