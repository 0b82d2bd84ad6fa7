package io.cascade.engine.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardedDnsResolverTest {

    private static final Map<String, List<String>> DNS = Map.of(
        "hooks.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
        "internal.example.com", List.of("10.0.0.5"),
        "metadata.example.com", List.of("169.254.169.254"),
        "mixed.example.com", List.of("93.184.215.14", "192.168.0.10"),
        "nothing.example.com", List.of());

    private final GuardedDnsResolver resolver =
        new GuardedDnsResolver(new AddressPolicy(), GuardedDnsResolverTest::lookUp);

    @Test
    void returnsExactlyTheCheckedAddressesOfAPublicName() throws UnknownHostException {
        assertThat(resolver.resolve("hooks.example.com")).containsExactly(lookUp("hooks.example.com"));
    }

    @Test
    void refusesNameResolvingToPrivateAddress() {
        assertThatThrownBy(() -> resolver.resolve("internal.example.com"))
            .isInstanceOf(UnknownHostException.class)
            .hasMessage("internal.example.com resolves to 10.0.0.5, a forbidden private address (RFC 1918): refused");
    }

    @Test
    void refusesNameResolvingToCloudMetadataAddress() {
        assertThatThrownBy(() -> resolver.resolve("metadata.example.com"))
            .isInstanceOf(UnknownHostException.class)
            .hasMessageContaining("169.254.169.254")
            .hasMessageContaining("link-local address");
    }

    @Test
    void refusesNameWithOnePublicAndOnePrivateAddress() {
        assertThatThrownBy(() -> resolver.resolve("mixed.example.com"))
            .isInstanceOf(UnknownHostException.class)
            .hasMessageContaining("mixed.example.com resolves to 192.168.0.10");
    }

    @Test
    void refusesNameWithoutAddresses() {
        assertThatThrownBy(() -> resolver.resolve("nothing.example.com")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void refusesForbiddenIpLiteralWithoutLookingItUp() {
        assertThatThrownBy(() -> resolver.resolve("0x7f.1"))
            .isInstanceOf(UnknownHostException.class)
            .hasMessage("0x7f.1 resolves to 127.0.0.1, a forbidden loopback address: refused");
    }

    @Test
    void returnsIpLiteralThePolicyAllows() throws UnknownHostException {
        GuardedDnsResolver permissive =
            new GuardedDnsResolver(new AddressPolicy(List.of("::1/128")), GuardedDnsResolverTest::lookUp);

        assertThat(permissive.resolve("[::1]")).containsExactly(InetAddress.getByName("::1"));
    }

    @Test
    void refusesCanonicalNameLookupOfForbiddenName() {
        assertThatThrownBy(() -> resolver.resolveCanonicalHostname("internal.example.com"))
            .isInstanceOf(UnknownHostException.class)
            .hasMessageContaining("10.0.0.5");
    }

    private static InetAddress[] lookUp(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
        }
        return resolved;
    }
}
