package org.handoffengine.api.setup;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Chatwoot delivers no webhook to a private, loopback or link-local address unless its installation
 * allows the webhook type and the host ({@code lib/webhooks/private_network_policy.rb}); a refused
 * delivery is only logged on Chatwoot's side. {@code setup} says so before it registers such a URL.
 */
final class PrivateAddress {

  private PrivateAddress() {}

  static Optional<String> warning(String publicUrl) {
    String host = URI.create(publicUrl).getHost();
    if (host == null || !isPrivate(host)) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(
            "\n",
            "WARNING: "
                + publicUrl
                + " is a private, loopback or internal address. Chatwoot delivers no webhooks there unless its",
            "installation allows it: set on Chatwoot (its .env, or the environment of its web and worker containers), e.g.",
            "  WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES=account_webhook,agent_bot_webhook",
            "  WEBHOOK_ALLOWED_PRIVATE_HOSTS="
                + host
                + "        (or WEBHOOK_ALLOWED_PRIVATE_CIDRS=10.0.0.0/8)",
            "and restart it; otherwise it drops every delivery and only its own log says so."));
  }

  static boolean isPrivate(String host) {
    if (!host.contains(".") || host.endsWith(".local") || host.endsWith(".internal")) {
      return true; // localhost, a compose service name, mDNS and cloud-internal names
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isSiteLocalAddress()
          || address.isLinkLocalAddress()
          || address.isAnyLocalAddress()
          || isUniqueLocal(address);
    } catch (UnknownHostException unresolved) {
      return false; // a public name this machine cannot resolve: Chatwoot's view is what counts
    }
  }

  private static boolean isUniqueLocal(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }
}
