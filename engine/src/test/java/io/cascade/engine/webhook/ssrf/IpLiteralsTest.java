package io.cascade.engine.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1            | 127.0.0.1
        127.0.0.1.           | 127.0.0.1
        2130706433           | 127.0.0.1
        017700000001         | 127.0.0.1
        0x7f000001           | 127.0.0.1
        0177.0.0.1           | 127.0.0.1
        0x7f.0.0.1           | 127.0.0.1
        0x7f.0.0x0.01        | 127.0.0.1
        127.1                | 127.0.0.1
        127.0.1              | 127.0.0.1
        10.65535             | 10.0.255.255
        0                    | 0.0.0.0
        0x                   | 0.0.0.0
        4294967295           | 255.255.255.255
        [::1]                | ::1
        ::1                  | ::1
        [fe80::1%25eth0]     | fe80::1
        [::ffff:127.0.0.1]   | 127.0.0.1
        """)
    void readsIpLiteral(String host, String expected) throws UnknownHostException {
        assertThat(IpLiterals.parse(host)).contains(InetAddress.getByName(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hooks.example.com", "4294967296", "256.0.0.1", "1.256.0.1", "127.0.0.256", "10.16777216", "1.2.3.4.5",
        "08", "0x1g", "1..2", "", ".", "127.0.0.1..", "[::g]", "[1.2.3.4]", "١٢٧.0.0.1"})
    void readsNothingFromNonLiteral(String host) {
        assertThat(IpLiterals.parse(host)).isEmpty();
    }
}
