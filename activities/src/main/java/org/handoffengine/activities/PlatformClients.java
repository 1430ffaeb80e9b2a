package org.handoffengine.activities;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.handoffengine.activities.http.PlatformErrorInterceptor;
import org.handoffengine.activities.http.PlatformFailures;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** Builds a declarative client for one platform: timeouts, error classification, auth header. */
public final class PlatformClients {

  private PlatformClients() {}

  public static <T> T create(
      Class<T> api,
      RestClient.Builder builder,
      String platform,
      String baseUrl,
      String authHeader,
      String authValue,
      Duration timeout) {
    var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    requestFactory.setReadTimeout(timeout);
    RestClient client =
        builder
            .clone()
            .baseUrl(baseUrl)
            .requestFactory(requestFactory)
            .defaultHeader(authHeader, authValue)
            .requestInterceptor(new PlatformErrorInterceptor(new PlatformFailures(platform, Clock.systemUTC())))
            .build();
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(api);
  }
}
