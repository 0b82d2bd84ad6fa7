package io.cascade.engine.webhook.ssrf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** An address block such as 10.0.0.0/8 or fc00::/7. */
final class Cidr {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,3}");

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static Cidr parse(String text) {
        String cidr = text.strip();
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw malformed(text, "the /prefix-length is missing");
        }
        byte[] network = parseNetwork(cidr.substring(0, slash), text);
        String prefix = cidr.substring(slash + 1);
        int maxPrefixLength = network.length * 8;
        if (!PREFIX_LENGTH.matcher(prefix).matches() || Integer.parseInt(prefix) > maxPrefixLength) {
            throw malformed(text, "the prefix length must be a number from 0 to " + maxPrefixLength);
        }
        return new Cidr(network, Integer.parseInt(prefix));
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int wholeBytes = prefixLength / 8;
        for (int i = 0; i < wholeBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return remainingBits == 0 || (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
    }

    private static byte[] parseNetwork(String address, String text) {
        if (address.contains(":")) {
            return IpLiterals.parseIpv6(address)
                .map(Cidr::ipv6Bytes)
                .orElseThrow(() -> malformed(text, address + " is not an IPv6 address"));
        }
        if (!DOTTED_QUAD.matcher(address).matches()) {
            throw malformed(text, address + " is not a dotted-quad IPv4 address");
        }
        return IpLiterals.parseIpv4(address).orElseThrow().getAddress();
    }

    // InetAddress turns IPv4-mapped IPv6 text such as ::ffff:0:0 into an IPv4 address; restore what the text said.
    private static byte[] ipv6Bytes(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address.getAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        return mapped;
    }

    private static IllegalArgumentException malformed(String text, String problem) {
        return new IllegalArgumentException(
            "malformed CIDR '" + text + "': " + problem + " (expected e.g. 10.0.0.0/8 or fc00::/7)");
    }
}
