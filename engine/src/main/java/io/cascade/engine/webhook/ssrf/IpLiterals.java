package io.cascade.engine.webhook.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads host strings that denote IP addresses, without ever consulting DNS. */
final class IpLiterals {

    private static final long MAX_IPV4 = 0xFFFF_FFFFL;
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private IpLiterals() {
    }

    /** The address of an IPv6 literal (bracketed or not) or of an IPv4 literal in any inet_aton spelling. */
    static Optional<InetAddress> parse(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return parseIpv6(host.substring(1, host.length() - 1));
        }
        return host.contains(":") ? parseIpv6(host) : parseIpv4(host);
    }

    /**
     * Parses IPv4 the way inet_aton does: one to four dot-separated parts, each decimal, octal (leading 0) or hex
     * (leading 0x), the last part filling all remaining bytes, so 127.1 and 2130706433 both mean 127.0.0.1.
     * A single trailing dot is ignored, as resolvers ignore it.
     */
    static Optional<InetAddress> parseIpv4(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            OptionalLong value = parseIpv4Part(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? MAX_IPV4 >>> (8 * i) : 0xFF;
            if (value.isEmpty() || value.getAsLong() > limit) {
                return Optional.empty();
            }
            address |= last ? value.getAsLong() : value.getAsLong() << (8 * (3 - i));
        }
        return Optional.of(fromBytes(new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address}));
    }

    static Optional<InetAddress> parseIpv6(String text) {
        int zone = text.indexOf('%');
        String address = zone < 0 ? text : text.substring(0, zone);
        // Text of this shape with a colon in it InetAddress parses as an IPv6 literal or rejects; it never looks it up.
        if (!address.contains(":") || !IPV6_TEXT.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    private static OptionalLong parseIpv4Part(String part) {
        if (part.isEmpty()) {
            return OptionalLong.empty();
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            // like inet_aton, a bare 0x counts as zero
            return parseNumber(part.substring(2), 16);
        }
        return part.startsWith("0") ? parseNumber(part, 8) : parseNumber(part, 10);
    }

    private static OptionalLong parseNumber(String digits, int radix) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int digit = c < 128 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                return OptionalLong.empty();
            }
            value = value * radix + digit;
            if (value > MAX_IPV4) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(value);
    }
}
