package io.cascade.engine.webhook.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves host names for the HTTP client and refuses any name that leads to an address the policy forbids. The client
 * connects to the very addresses returned here, so a name cannot be re-pointed between the check and the connect.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final AddressPolicy policy;
    private final Lookup lookup;

    GuardedDnsResolver(AddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    GuardedDnsResolver(AddressPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookUp(host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host + " resolves to no address");
        }
        for (InetAddress address : addresses) {
            String reason = policy.whyRefused(address);
            if (reason != null) {
                throw new UnknownHostException(
                    host + " resolves to " + address.getHostAddress() + ", a forbidden " + reason + ": refused");
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        InetAddress address = resolve(host)[0];
        String canonicalName = address.getCanonicalHostName();
        return canonicalName.equals(address.getHostAddress()) ? host : canonicalName;
    }

    private InetAddress[] lookUp(String host) throws UnknownHostException {
        Optional<InetAddress> literal = IpLiterals.parse(host);
        return literal.isPresent() ? new InetAddress[] {literal.get()} : lookup.lookUp(host);
    }

    /** Finds the addresses of a host name; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    interface Lookup {

        InetAddress[] lookUp(String host) throws UnknownHostException;
    }
}
