package io.cascade.engine.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a webhook URL as entered, before it is stored: http(s) to a DNS name, never to an IP literal or localhost.
 * It does no DNS lookups; {@link GuardedDnsResolver} checks where a name actually leads when the call is made.
 */
public final class WebhookUrlValidator {

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Pattern PORT_SUFFIX = Pattern.compile(":[0-9]*$");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    private final AddressPolicy policy;

    public WebhookUrlValidator(AddressPolicy policy) {
        this.policy = policy;
    }

    /** @throws ForbiddenUrlException if the URL must not be called */
    public void validate(String url) {
        if (url == null || url.isBlank()) {
            throw new ForbiddenUrlException("webhook URL is empty");
        }
        URI uri = parse(url);
        String scheme = uri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new ForbiddenUrlException("webhook URL must start with http:// or https:// (" + url + ")");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || PORT_SUFFIX.matcher(authority).replaceFirst("").isEmpty()) {
            throw new ForbiddenUrlException("webhook URL must name a host, as in https://hooks.example.com/path");
        }
        if (authority.contains("@")) {
            throw new ForbiddenUrlException(
                "webhook URL must not contain a user name or password before the host; send credentials in a header");
        }
        checkPort(authority);
        checkHost(hostOf(uri));
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new ForbiddenUrlException("webhook URL is not a valid URL (" + e.getReason() + "): " + url);
        }
    }

    // java.net.URI accepts any number of digits as a port; the request would fail only when sent.
    private static void checkPort(String authority) {
        Matcher port = PORT_SUFFIX.matcher(authority);
        if (port.find() && port.group().length() > 1) {
            String digits = port.group().substring(1);
            if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
                throw new ForbiddenUrlException("webhook URL port must be between 1 and 65535 (" + digits + ")");
            }
        }
    }

    // java.net.URI leaves the host unset for authorities such as 127.1 or 0x7f.0.0.1 that are not RFC 2396 host
    // names, yet HTTP clients still connect to them, so read the host from the raw authority then.
    private static String hostOf(URI uri) {
        return uri.getHost() != null ? uri.getHost() : PORT_SUFFIX.matcher(uri.getRawAuthority()).replaceFirst("");
    }

    private void checkHost(String host) {
        String lowerCaseHost = host.toLowerCase(Locale.ROOT);
        if (lowerCaseHost.startsWith("[")) {
            InetAddress address = IpLiterals.parse(lowerCaseHost).orElseThrow(() -> new ForbiddenUrlException(
                "webhook URL host is not a valid IPv6 address (" + host + ")"));
            checkIpLiteral(host, address);
            return;
        }
        String name = lowerCaseHost.endsWith(".")
            ? lowerCaseHost.substring(0, lowerCaseHost.length() - 1)
            : lowerCaseHost;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            throw new ForbiddenUrlException("webhook URL must not point to localhost (" + host + ")");
        }
        Optional<InetAddress> ipv4 = IpLiterals.parseIpv4(name);
        if (ipv4.isPresent()) {
            checkIpLiteral(host, ipv4.get());
            return;
        }
        if (!isDnsName(name)) {
            throw new ForbiddenUrlException("webhook URL host is not a valid DNS name (" + host + ")");
        }
    }

    private void checkIpLiteral(String host, InetAddress address) {
        if (!policy.isExplicitlyAllowed(address)) {
            throw new ForbiddenUrlException(
                "webhook URL host must be a DNS name, not an IP address (" + host + ")");
        }
    }

    // A numeric last label is refused because resolvers may read such a name as an IPv4 address (WHATWG URL does).
    private static boolean isDnsName(String name) {
        String[] labels = name.split("\\.", -1);
        return name.length() <= MAX_DNS_NAME_LENGTH
            && Arrays.stream(labels).allMatch(label -> DNS_LABEL.matcher(label).matches())
            && !NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
    }
}
