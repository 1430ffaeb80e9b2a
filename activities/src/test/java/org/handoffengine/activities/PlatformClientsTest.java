package org.handoffengine.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.handoffengine.activities.http.PlatformFailures;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.PostExchange;

/**
 * How a platform call that gets no answer is told apart on the wire: a request that never left (no
 * connection) is retried on the policy's backoff, a write that left without an answer waits for it
 * to land first.
 */
class PlatformClientsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  interface Writes {
    @PostExchange("/api/v1/accounts/1/conversations")
    String create(@RequestBody String body);
  }

  /**
   * A listener whose queue is full: the kernel drops the connect, which hangs until it times out.
   */
  @Test
  void aConnectThatHangsIsUnreachableNotALostAnswer() throws IOException {
    List<Socket> queued = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1)) {
      for (int i = 0; i < 4; i++) {
        Socket filler = new Socket();
        try {
          filler.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 200);
          queued.add(filler);
        } catch (IOException backlogFull) {
          filler.close();
          break;
        }
      }
      ApplicationFailure failure = postTo(full.getLocalPort());

      assertThat(failure.getType()).isEqualTo(PlatformFailures.UNREACHABLE);
      assertThat(failure.getNextRetryDelay()).isNull();
    } finally {
      for (Socket socket : queued) {
        socket.close();
      }
    }
  }

  /** A platform that takes the request and never answers: the write may still land. */
  @Test
  void aWriteThatGetsNoAnswerIsALostAnswerLookedForAfterTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread listener =
          new Thread(
              () -> {
                try (Socket taken = silent.accept()) {
                  taken.getInputStream().read(new byte[1024]);
                  Thread.sleep(TIMEOUT.multipliedBy(3).toMillis());
                } catch (IOException | InterruptedException closed) {
                  // the test is over
                }
              });
      listener.setDaemon(true);
      listener.start();
      ApplicationFailure failure = postTo(silent.getLocalPort());
      listener.interrupt();

      assertThat(failure.getType()).isEqualTo(PlatformFailures.ANSWER_LOST);
      assertThat(failure.getNextRetryDelay()).isEqualTo(TIMEOUT);
    }
  }

  private static ApplicationFailure postTo(int port) {
    Writes writes =
        PlatformClients.create(
            Writes.class,
            RestClient.builder(),
            "Chatwoot",
            "http://127.0.0.1:" + port,
            "api_access_token",
            "token",
            TIMEOUT);
    return catchThrowableOfType(ApplicationFailure.class, () -> writes.create("{}"));
  }
}
