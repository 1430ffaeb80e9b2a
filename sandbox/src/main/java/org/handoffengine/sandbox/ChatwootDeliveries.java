package org.handoffengine.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Chatwoot POSTs a webhook ({@code lib/webhooks/trigger.rb}): compact JSON, {@code
 * X-Chatwoot-Delivery} always, and where the target has a secret {@code X-Chatwoot-Timestamp} and
 * {@code X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "<ts>.<body>")>}; a 5-second
 * timeout; private, loopback and link-local targets refused unless the installation allows the
 * webhook type and the host ({@code WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES}, {@code
 * WEBHOOK_ALLOWED_PRIVATE_HOSTS}). Account webhooks get one attempt; agent-bot deliveries are
 * retried after a 429 or 500, three attempts in all ({@code AgentBots::WebhookJob}).
 */
public final class ChatwootDeliveries {

  /** What one POST came to: the status, or 0 when it was never sent or got no answer. */
  public record Attempt(String url, int status, String refusal) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean signs = true;
  private volatile Set<String> allowedPrivateTypes = Set.of();
  private volatile Set<String> allowedPrivateHosts = Set.of();
  private volatile Duration botRetryWait = Duration.ofSeconds(3);

  void signs(boolean signs) {
    this.signs = signs;
  }

  void allowPrivateNetwork(Set<String> types, Set<String> hosts) {
    this.allowedPrivateTypes = Set.copyOf(types);
    this.allowedPrivateHosts = Set.copyOf(hosts);
  }

  void botRetryWait(Duration wait) {
    this.botRetryWait = wait;
  }

  /** One attempt, as for account webhooks ({@code type} account_webhook) and API inboxes. */
  Attempt once(String type, String url, String secret, String body) {
    return post(type, url, secret, body, UUID.randomUUID().toString());
  }

  /**
   * Up to three attempts while the answer is 429 or 500, with one delivery id, as for agent bots.
   */
  List<Attempt> withBotRetries(String url, String secret, String body) {
    String delivery = UUID.randomUUID().toString();
    List<Attempt> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Attempt attempt = post("agent_bot_webhook", url, secret, body, delivery);
      attempts.add(attempt);
      if (attempt.status() != 429 && attempt.status() != 500) {
        break;
      }
      if (i < 2 && !botRetryWait.isZero()) {
        try {
          Thread.sleep(botRetryWait.toMillis()); // Chatwoot's job waits between attempts
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return attempts;
  }

  private Attempt post(String type, String url, String secret, String body, String delivery) {
    URI target = URI.create(url);
    String refusal = refusal(type, target.getHost());
    if (refusal != null) {
      return new Attempt(url, 0, refusal);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Chatwoot-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signs && secret != null) {
      String timestamp = String.valueOf(Instant.now().getEpochSecond());
      request.header("X-Chatwoot-Timestamp", timestamp);
      request.header("X-Chatwoot-Signature", "sha256=" + sign(secret, timestamp, body));
    }
    try {
      return new Attempt(
          url,
          http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
          null);
    } catch (IOException e) {
      return new Attempt(url, 0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(url, 0, "interrupted");
    }
  }

  /** {@code Webhooks::PrivateNetworkPolicy}: why the target is refused, or null. */
  private String refusal(String type, String host) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return "unknown host " + host;
    }
    boolean privateAddress =
        address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress();
    if (!privateAddress) {
      return null;
    }
    if (allowedPrivateTypes.contains(type)
        && (allowedPrivateHosts.contains(host)
            || allowedPrivateHosts.contains(address.getHostAddress()))) {
      return null;
    }
    return "private network address "
        + host
        + " refused for "
        + type
        + " (WEBHOOK_PRIVATE_NETWORK_ALLOWED_TYPES / WEBHOOK_ALLOWED_PRIVATE_HOSTS)";
  }

  /**
   * Chatwoot's signature of a delivery: hex HMAC-SHA256 of {@code "<timestamp>.<body>"}, without
   * the {@code sha256=} prefix.
   */
  public static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
