package org.handoffengine.activities;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffengine.activities.http.PlatformErrorInterceptor;
import org.handoffengine.activities.http.PlatformFailures;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** Builds a declarative client for one platform: timeouts, error classification, auth header. */
public final class PlatformClients {

  /**
   * Threads for the JDK HTTP client's async stages and the request factory's body writes. Without
   * it both fall back to the common ForkJoinPool, which on a two-CPU machine has one thread and so
   * starts a new thread for every platform call (30,000 in a five-minute bench run).
   */
  private static final ExecutorService HTTP_THREADS =
      Executors.newCachedThreadPool(
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
              Thread thread = new Thread(task, "platform-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            }
          });

  /** A connection on a healthy network opens in milliseconds; more than this is no platform. */
  private static final Duration MAX_CONNECT = Duration.ofSeconds(5);

  private PlatformClients() {}

  public static <T> T create(
      Class<T> api,
      RestClient.Builder builder,
      String platform,
      String baseUrl,
      String authHeader,
      String authValue,
      Duration timeout) {
    // Spring's read timeout runs from the send, connect included: a connect given as long would
    // never time out as a connect, and a request that never left would read as a lost answer.
    Duration connect = timeout.dividedBy(2);
    var requestFactory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .connectTimeout(connect.compareTo(MAX_CONNECT) > 0 ? MAX_CONNECT : connect)
                .executor(HTTP_THREADS)
                .build(),
            HTTP_THREADS);
    requestFactory.setReadTimeout(timeout);
    RestClient client =
        builder
            .clone()
            .baseUrl(baseUrl)
            .requestFactory(requestFactory)
            .defaultHeader(authHeader, authValue)
            .requestInterceptor(
                new PlatformErrorInterceptor(
                    new PlatformFailures(platform, Clock.systemUTC(), timeout)))
            .build();
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
        .build()
        .createClient(api);
  }
}
