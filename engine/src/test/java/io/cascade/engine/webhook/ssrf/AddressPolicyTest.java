package io.cascade.engine.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1         | loopback address
        127.255.255.254   | loopback address
        10.0.0.5          | private address (RFC 1918)
        172.16.0.1        | private address (RFC 1918)
        172.31.255.255    | private address (RFC 1918)
        192.168.1.1       | private address (RFC 1918)
        169.254.169.254   | link-local address
        169.254.0.1       | link-local address
        100.64.0.1        | carrier-grade NAT address (RFC 6598)
        100.127.255.255   | carrier-grade NAT address (RFC 6598)
        224.0.0.1         | multicast address
        239.255.255.250   | multicast address
        0.0.0.0           | unspecified address
        0.1.2.3           | unspecified address
        255.255.255.255   | broadcast address
        240.0.0.1         | reserved address (240.0.0.0/4)
        192.0.0.8         | reserved address (IETF protocol assignments)
        192.0.2.1         | documentation address (TEST-NET-1)
        198.18.0.1        | benchmarking address (RFC 2544)
        198.19.255.255    | benchmarking address (RFC 2544)
        198.51.100.7      | documentation address (TEST-NET-2)
        203.0.113.9       | documentation address (TEST-NET-3)
        ::1               | loopback address
        ::                | unspecified address
        fc00::1           | unique local address (private IPv6)
        fd12:3456::1      | unique local address (private IPv6)
        fe80::1           | link-local address
        febf::1           | link-local address
        fec0::1           | site-local address (deprecated)
        ff02::1           | multicast address
        2001:db8::1       | documentation address
        2001:0:4136:e378::1 | Teredo tunnel address
        ::ffff:127.0.0.1  | loopback address
        ::ffff:7f00:1     | loopback address
        ::127.0.0.1       | loopback address embedded in an IPv4-compatible IPv6 address
        64:ff9b::a9fe:a9fe | link-local address embedded in a NAT64 address
        2002:a00:5::1     | private address (RFC 1918) embedded in a 6to4 address
        """)
    void refusesSpecialPurposeAddress(String address, String reason) throws UnknownHostException {
        assertThat(policy.whyRefused(InetAddress.getByName(address))).isEqualTo(reason);
    }

    @Test
    void judgesIpv6TypedIpv4MappedAddressByItsEmbeddedAddress() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5};

        assertThat(policy.whyRefused(Inet6Address.getByAddress(null, mapped, -1)))
            .isEqualTo("private address (RFC 1918) embedded in an IPv4-mapped IPv6 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
        "169.253.255.255", "198.20.0.0", "223.255.255.255", "2606:4700::1111", "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddress(String address) throws UnknownHostException {
        assertThat(policy.isAllowed(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void givesNoReasonForAllowedAddress() throws UnknownHostException {
        assertThat(policy.whyRefused(InetAddress.getByName("8.8.8.8"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "10.1.2.3"})
    void allowsAddressInsideAnAllowedCidr(String address) throws UnknownHostException {
        AddressPolicy permissive = new AddressPolicy(List.of("127.0.0.0/8", "::1/128", "10.1.0.0/16"));

        assertThat(permissive.isAllowed(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.2.0.1", "169.254.169.254", "::2", "fe80::1"})
    void stillRefusesForbiddenAddressOutsideTheAllowedCidrs(String address) throws UnknownHostException {
        AddressPolicy permissive = new AddressPolicy(List.of("127.0.0.0/8", "::1/128", "10.1.0.0/16"));

        assertThat(permissive.isAllowed(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void honoursPrefixLengthsThatSplitAByte() throws UnknownHostException {
        AddressPolicy permissive = new AddressPolicy(List.of("192.168.1.128/25"));

        assertThat(permissive.isAllowed(InetAddress.getByName("192.168.1.200"))).isTrue();
        assertThat(permissive.isAllowed(InetAddress.getByName("192.168.1.100"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.0", "127.0.0.0/33", "::1/129", "127.0.0/8", "127.0.0.0/-1", "127.0.0.0/x", "0177.0.0.0/8",
        "localhost/8", "::g/64", "", "/8"})
    void rejectsMalformedCidr(String cidr) {
        assertThatThrownBy(() -> new AddressPolicy(List.of(cidr)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("malformed CIDR '" + cidr + "'");
    }
}
