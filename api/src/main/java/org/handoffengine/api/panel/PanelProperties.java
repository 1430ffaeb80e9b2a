package org.handoffengine.api.panel;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.panel.*}: the journey panel Chatwoot embeds beside a conversation.
 *
 * @param secret signs the per-account panel credentials; unset, it is derived from {@code
 *     handoff.api.token} (changing either changes every panel URL: run {@code setup} again)
 * @param chatwootOrigin the only origin allowed to frame the panel and to hand it context;
 *     unset, the origin of {@code handoff.chatwoot.base-url}
 * @param temporalUiUrl the Temporal UI, for a link to the journey; no link when unset
 * @param title the dashboard app's title (the tab agents see)
 */
@ConfigurationProperties("handoff.panel")
public record PanelProperties(String secret, URI chatwootOrigin, URI temporalUiUrl, String title) {

  public static final String DEFAULT_TITLE = "Voice journey";

  public PanelProperties {
    title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
  }
}
