package io.cascade.engine.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that encrypts team secrets: {@code cascade.secrets.key} (base64, 256 bits), or, when a
 * key file is configured (the zero-install default), a key created there on first start.
 */
@Configuration
class SecretKeyConfiguration {

    @Bean
    SecretCipher secretCipher(@Value("${cascade.secrets.key:}") String key,
                              @Value("${cascade.secrets.key-file:}") String keyFile) throws IOException {
        if (!key.isBlank()) {
            return new SecretCipher(decode(key));
        }
        if (keyFile.isBlank()) {
            throw new IllegalStateException("CASCADE_SECRET_KEY is required: a base64-encoded 256-bit key "
                    + "that encrypts team secrets (create one with: openssl rand -base64 32)");
        }
        Path path = Path.of(keyFile);
        if (!Files.exists(path)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, Base64.getEncoder().encodeToString(fresh));
        }
        return new SecretCipher(decode(Files.readString(path).trim()));
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CASCADE_SECRET_KEY is not valid base64", e);
        }
    }
}
