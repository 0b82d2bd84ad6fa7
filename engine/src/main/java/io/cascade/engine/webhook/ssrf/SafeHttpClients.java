package io.cascade.engine.webhook.ssrf;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.Timeout;

/** HTTP clients for calling user-supplied webhook URLs, which may only reach addresses the policy allows. */
public final class SafeHttpClients {

    private SafeHttpClients() {
    }

    /**
     * A started non-blocking client (requests in flight hold a connection, not a thread) that connects only
     * to addresses the policy allows (the guarded resolver answers the very addresses it connects to),
     * never follows redirects (a 3xx is returned as is), never retries, keeps no cookies, uses no proxy
     * and speaks HTTP/1.1 only. {@code maxConnections} bounds its connections in all and to one receiver:
     * a receiver gets at most that many requests at once.
     */
    public static CloseableHttpAsyncClient create(AddressPolicy policy, Duration connectTimeout,
                                                  Duration requestTimeout, String userAgent, int maxConnections) {
        PoolingAsyncClientConnectionManager connectionManager = PoolingAsyncClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDnsResolver(policy))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(requestTimeout))
                .build())
            .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .build();
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
            .setConnectionManager(connectionManager)
            // a proxy would resolve the host itself, out of reach of the guarded resolver
            .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
            .setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(requestTimeout))
                // waiting for a free connection counts against the request's time too
                .setConnectionRequestTimeout(Timeout.of(requestTimeout))
                .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .setUserAgent(userAgent)
            .build();
        client.start();
        return client;
    }
}
