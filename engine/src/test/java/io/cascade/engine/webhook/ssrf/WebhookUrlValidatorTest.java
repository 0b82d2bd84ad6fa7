package io.cascade.engine.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlValidatorTest {

    private final WebhookUrlValidator validator = new WebhookUrlValidator(new AddressPolicy());

    @ParameterizedTest
    @ValueSource(strings = {
        "not a url",
        "hooks.example.com/x",
        "ftp://hooks.example.com/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://hooks.example.com:70/x",
        "http:///x",
        "http://:8080/x",
        "http://",
        "http://user:pw@hooks.example.com/x",
        "http://user@hooks.example.com/x",
        "http://localhost/x",
        "http://LOCALHOST:8080/x",
        "http://localhost./x",
        "http://api.localhost/x",
        "http://[not-ipv6]/x",
        "http://%31%32%37.0.0.1/x",
        "http://exa_mple.com/x",
        "http://-hooks.example.com/x",
        "http://hooks..example.com/x",
        "http://1.2.3.08/x",
        "http://hooks.example.0x1f/x",
    })
    void refusesUrl(String url) {
        assertThatThrownBy(() -> validator.validate(url)).isInstanceOf(ForbiddenUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/x",
        "http://127.0.0.1./x",
        "http://2130706433/x",
        "http://0177.0.0.1/x",
        "http://017700000001/x",
        "http://0x7f.0.0.1/x",
        "http://0x7f000001/x",
        "http://0X7F.1/x",
        "http://127.1/x",
        "http://127.0.1/x",
        "http://0x7f.0.0x0.01/x",
        "http://0/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5:8080/x",
        "http://8.8.8.8/x",
        "http://[::1]/x",
        "http://[::]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://[::ffff:7f00:1]/x",
        "http://[fe80::1%25eth0]/x",
        "http://[2606:4700::1111]/x",
    })
    void refusesIpLiteralInAnySpelling(String url) {
        assertThatThrownBy(() -> validator.validate(url))
            .isInstanceOf(ForbiddenUrlException.class)
            .hasMessageStartingWith("webhook URL host must be a DNS name, not an IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.example.com/x?y=1",
        "http://hooks.example.com/x",
        "HTTPS://Hooks.Example.COM:8443/x",
        "https://hooks.example.com./x",
        "https://xn--bcher-kva.example/x",
        "https://a-b.c1.example.io/x#frag",
        "https://localhost.example.com/x",
        "https://0x.example.com/x",
    })
    void acceptsDnsNameUrl(String url) {
        assertThatCode(() -> validator.validate(url)).doesNotThrowAnyException();
    }

    @Test
    void namesTheIpLiteralInTheMessage() {
        assertThatThrownBy(() -> validator.validate("http://127.0.0.1/x"))
            .hasMessage("webhook URL host must be a DNS name, not an IP address (127.0.0.1)");
    }

    @Test
    void refusesLoopbackLiteralWhenNotAllowed() {
        assertThatThrownBy(() -> validator.validate("http://127.0.0.1:8080/x"))
            .isInstanceOf(ForbiddenUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://127.1:8080/x", "http://[::ffff:127.0.0.1]:8080/x"})
    void acceptsIpLiteralThePolicyExplicitlyAllows(String url) {
        WebhookUrlValidator permissive = new WebhookUrlValidator(new AddressPolicy(List.of("127.0.0.0/8")));

        assertThatCode(() -> permissive.validate(url)).doesNotThrowAnyException();
    }

    @Test
    void refusesPublicIpLiteralOutsideTheAllowedCidrs() {
        WebhookUrlValidator permissive = new WebhookUrlValidator(new AddressPolicy(List.of("127.0.0.0/8")));

        assertThatThrownBy(() -> permissive.validate("http://8.8.8.8/x")).isInstanceOf(ForbiddenUrlException.class);
    }

    @Test
    void refusesLocalhostEvenWhenLoopbackIsAllowed() {
        WebhookUrlValidator permissive = new WebhookUrlValidator(new AddressPolicy(List.of("127.0.0.0/8")));

        assertThatThrownBy(() -> permissive.validate("http://localhost:8080/x"))
            .isInstanceOf(ForbiddenUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com:84533/x", "https://hooks.example.com:0/x",
        "https://hooks.example.com:65536/x", "https://hooks.example.com:0000000000443/x"})
    void refusesAPortOutsideTheValidRange(String url) {
        assertThatThrownBy(() -> validator.validate(url))
            .isInstanceOf(ForbiddenUrlException.class)
            .hasMessageStartingWith("webhook URL port must be between 1 and 65535");
    }

    @Test
    void refusesAnInvalidPortOnAnIpLiteralThePolicyAllows() {
        WebhookUrlValidator permissive = new WebhookUrlValidator(new AddressPolicy(List.of("127.0.0.0/8")));

        assertThatThrownBy(() -> permissive.validate("http://127.1:84533/x"))
            .hasMessage("webhook URL port must be between 1 and 65535 (84533)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com:1/x", "https://hooks.example.com:65535/x",
        "https://hooks.example.com:/x"})
    void acceptsAPortInTheValidRange(String url) {
        assertThatCode(() -> validator.validate(url)).doesNotThrowAnyException();
    }
}
