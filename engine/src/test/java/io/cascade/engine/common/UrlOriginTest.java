package io.cascade.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlOriginTest {

    @Test
    void aSlackWebhookKeepsSchemeAndHostButNotItsPath() {
        assertThat(UrlOrigin.of("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"))
                .isEqualTo("https://hooks.slack.com");
    }

    @Test
    void anExplicitPortStays() {
        assertThat(UrlOrigin.of("http://127.0.0.1:8080/hook")).isEqualTo("http://127.0.0.1:8080");
        assertThat(UrlOrigin.of("https://[2001:db8::1]:8443/hook")).isEqualTo("https://[2001:db8::1]:8443");
    }

    @Test
    void queryFragmentAndUserInfoGo() {
        assertThat(UrlOrigin.of("https://bot:hunter2@example.com?token=abc#frag")).isEqualTo("https://example.com");
        assertThat(UrlOrigin.of("https://example.com?token=abc")).isEqualTo("https://example.com");
    }

    @Test
    void anUnreadableUrlShowsNothingRatherThanEverything() {
        assertThat(UrlOrigin.of("https://example.com/a path/with spaces?token=abc")).isNull();
        assertThat(UrlOrigin.of("not a url")).isNull();
        assertThat(UrlOrigin.of("/relative/only")).isNull();
        assertThat(UrlOrigin.of(null)).isNull();
    }
}
