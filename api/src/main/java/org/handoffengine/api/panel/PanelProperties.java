package org.handoffengine.api.panel;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.panel.*}: the journey panel Chatwoot embeds beside a conversation.
 *
 * @param secret signs the per-account panel credentials; unset, it is derived from {@code
 *     handoff.api.token} (changing either changes every panel URL: run {@code setup} again)
 * @param chatwootOrigin the only origin allowed to frame the panel and to hand it context; unset,
 *     the origin of {@code handoff.chatwoot.base-url}
 * @param temporalUiUrl the Temporal UI the panel links journeys to; no link when unset
 * @param title the dashboard app's title (the tab agents see); blank takes the default
 */
@ConfigurationProperties("handoff.panel")
public record PanelProperties(
    String secret,
    URI chatwootOrigin,
    URI temporalUiUrl,
    @DefaultValue(PanelProperties.DEFAULT_TITLE) String title) {

  public static final String DEFAULT_TITLE = "Voice journey";

  public PanelProperties {
    // An empty environment variable binds as blank, not as unset.
    title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
  }
}
