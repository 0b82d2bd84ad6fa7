package io.cascade.engine.webhook.ssrf;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which addresses outgoing webhook calls may reach: public unicast addresses, plus whatever the allowed CIDRs
 * (an explicit opt-out, e.g. for local development) cover.
 */
public final class AddressPolicy {

    private static final String PRIVATE = "private address (RFC 1918)";

    private static final List<Refusal> IPV4_REFUSALS = List.of(
        new Refusal("0.0.0.0/8", "unspecified address"),
        new Refusal("10.0.0.0/8", PRIVATE),
        new Refusal("100.64.0.0/10", "carrier-grade NAT address (RFC 6598)"),
        new Refusal("127.0.0.0/8", "loopback address"),
        new Refusal("169.254.0.0/16", "link-local address"),
        new Refusal("172.16.0.0/12", PRIVATE),
        new Refusal("192.0.0.0/24", "reserved address (IETF protocol assignments)"),
        new Refusal("192.0.2.0/24", "documentation address (TEST-NET-1)"),
        new Refusal("192.168.0.0/16", PRIVATE),
        new Refusal("198.18.0.0/15", "benchmarking address (RFC 2544)"),
        new Refusal("198.51.100.0/24", "documentation address (TEST-NET-2)"),
        new Refusal("203.0.113.0/24", "documentation address (TEST-NET-3)"),
        new Refusal("224.0.0.0/4", "multicast address"),
        new Refusal("255.255.255.255/32", "broadcast address"),
        new Refusal("240.0.0.0/4", "reserved address (240.0.0.0/4)"));

    private static final List<Refusal> IPV6_REFUSALS = List.of(
        new Refusal("::/128", "unspecified address"),
        new Refusal("::1/128", "loopback address"),
        new Refusal("2001::/32", "Teredo tunnel address"),
        new Refusal("2001:db8::/32", "documentation address"),
        new Refusal("fc00::/7", "unique local address (private IPv6)"),
        new Refusal("fe80::/10", "link-local address"),
        new Refusal("fec0::/10", "site-local address (deprecated)"),
        new Refusal("ff00::/8", "multicast address"));

    private static final List<Ipv4Carrier> IPV4_CARRIERS = List.of(
        new Ipv4Carrier("::ffff:0:0/96", 12, "an IPv4-mapped IPv6 address"),
        new Ipv4Carrier("::/96", 12, "an IPv4-compatible IPv6 address"),
        new Ipv4Carrier("64:ff9b::/96", 12, "a NAT64 address"),
        new Ipv4Carrier("2002::/16", 2, "a 6to4 address"));

    private final List<Cidr> allowed;

    /** A policy without opt-outs: only public addresses are allowed. */
    public AddressPolicy() {
        this(List.of());
    }

    /** @throws IllegalArgumentException if a CIDR is malformed */
    public AddressPolicy(List<String> allowedCidrs) {
        this.allowed = allowedCidrs.stream().map(Cidr::parse).toList();
    }

    public boolean isAllowed(InetAddress address) {
        return whyRefused(address) == null;
    }

    /** A short human reason such as "loopback address", or null when the address is allowed. */
    String whyRefused(InetAddress address) {
        return whyRefused(address.getAddress());
    }

    boolean isExplicitlyAllowed(InetAddress address) {
        return isExplicitlyAllowed(address.getAddress());
    }

    private boolean isExplicitlyAllowed(byte[] address) {
        return allowed.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private String whyRefused(byte[] address) {
        if (isExplicitlyAllowed(address)) {
            return null;
        }
        return address.length == 4 ? firstRefusal(IPV4_REFUSALS, address) : whyRefusedIpv6(address);
    }

    private String whyRefusedIpv6(byte[] address) {
        String reason = firstRefusal(IPV6_REFUSALS, address);
        if (reason != null) {
            return reason;
        }
        for (Ipv4Carrier carrier : IPV4_CARRIERS) {
            if (carrier.range().contains(address)) {
                String embeddedReason = whyRefused(carrier.embeddedIpv4(address));
                return embeddedReason == null ? null : embeddedReason + " embedded in " + carrier.description();
            }
        }
        return null;
    }

    private static String firstRefusal(List<Refusal> refusals, byte[] address) {
        return refusals.stream()
            .filter(refusal -> refusal.range().contains(address))
            .map(Refusal::reason)
            .findFirst()
            .orElse(null);
    }

    private record Refusal(Cidr range, String reason) {

        Refusal(String cidr, String reason) {
            this(Cidr.parse(cidr), reason);
        }
    }

    /** An IPv6 form that carries an IPv4 address, which then decides whether it may be reached. */
    private record Ipv4Carrier(Cidr range, int ipv4Offset, String description) {

        Ipv4Carrier(String cidr, int ipv4Offset, String description) {
            this(Cidr.parse(cidr), ipv4Offset, description);
        }

        byte[] embeddedIpv4(byte[] address) {
            return Arrays.copyOfRange(address, ipv4Offset, ipv4Offset + 4);
        }
    }
}
