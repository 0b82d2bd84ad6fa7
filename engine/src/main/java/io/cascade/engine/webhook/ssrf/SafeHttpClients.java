package io.cascade.engine.webhook.ssrf;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.util.Timeout;

/** HTTP clients for calling user-supplied webhook URLs, which may only reach addresses the policy allows. */
public final class SafeHttpClients {

    private static final int MAX_CONNECTIONS = 50;
    private static final int MAX_CONNECTIONS_PER_ROUTE = 10;

    private SafeHttpClients() {
    }

    /**
     * A client that connects only to addresses the policy allows, never follows redirects (a 3xx is returned as is),
     * never retries, keeps no cookies and uses no proxy.
     */
    public static CloseableHttpClient create(
        AddressPolicy policy, Duration connectTimeout, Duration requestTimeout, String userAgent) {
        PoolingHttpClientConnectionManager connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDnsResolver(policy))
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
            .build();
        return HttpClients.custom()
            .setConnectionManager(connectionManager)
            // a proxy would resolve the host itself, out of reach of the guarded resolver
            .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .setUserAgent(userAgent)
            .build();
    }
}
