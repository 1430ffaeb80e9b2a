package org.handoffengine.api.panel;

import java.net.URI;
import org.handoffengine.platforms.chatwoot.ChatwootProperties;
import org.springframework.stereotype.Component;

/** The one origin allowed to frame the panel and hand it a conversation: Chatwoot's. */
@Component
public class PanelOrigin {

  private final String value;

  public PanelOrigin(PanelProperties panel, ChatwootProperties chatwoot) {
    this.value =
        originOf(panel.chatwootOrigin() != null ? panel.chatwootOrigin() : chatwoot.baseUrl());
  }

  public String value() {
    return value;
  }

  /** scheme://host[:port], as browsers compare origins. */
  static String originOf(URI uri) {
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalStateException(
          "handoff.panel.chatwoot-origin (or handoff.chatwoot.base-url) needs a scheme and host: "
              + uri);
    }
    return uri.getScheme().toLowerCase()
        + "://"
        + uri.getHost().toLowerCase()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
