package io.cascade.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = new SecretCipher(new byte[32]);

    @Test
    void aValueSurvivesTheRoundTripAndIsNotStoredInClear() {
        String sealed = cipher.encrypt("hunter2-secret");

        assertThat(sealed).doesNotContain("hunter2");
        assertThat(cipher.decrypt(sealed)).isEqualTo("hunter2-secret");
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("v")).isNotEqualTo(cipher.encrypt("v"));
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> new SecretCipher(other).decrypt(cipher.encrypt("v")))
                .hasMessageContaining("CASCADE_SECRET_KEY");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).hasMessageContaining("256 bits");
    }
}
