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

  private PlatformClients() {}

  public static <T> T create(
      Class<T> api,
      RestClient.Builder builder,
      String platform,
      String baseUrl,
      String authHeader,
      String authValue,
      Duration timeout) {
    var requestFactory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(timeout).executor(HTTP_THREADS).build(),
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
