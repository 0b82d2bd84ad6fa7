package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.payload.PayloadRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private static final String MASK = PayloadRenderer.MASK;

    @Test
    void everyOccurrenceOfASecretIsMasked() {
        SecretMasker masker = new SecretMasker(List.of("sk-live-123"));

        assertThat(masker.mask("got sk-live-123 and again sk-live-123."))
                .isEqualTo("got " + MASK + " and again " + MASK + ".");
    }

    @Test
    void aSecretIsAlsoMaskedAsARenderedPayloadCarriesItJsonEscaped() {
        String secret = "pa\"ss\\word";
        SecretMasker masker = new SecretMasker(List.of(secret));

        assertThat(masker.mask("{\"echo\":\"" + PayloadRenderer.escaped(secret) + "\"} raw: " + secret))
                .isEqualTo("{\"echo\":\"" + MASK + "\"} raw: " + MASK);
    }

    @Test
    void overlappingSecretsLeaveNoPartOfEither() {
        SecretMasker masker = new SecretMasker(List.of("abcdef", "defghi"));

        assertThat(masker.mask("x abcdefghi y")).isEqualTo("x " + MASK + " y");
    }

    @Test
    void aSecretThatStraddlesTheLimitIsMaskedWholeAndNothingPastItIsShown() {
        SecretMasker masker = new SecretMasker(List.of("TOKEN-XYZ"));

        assertThat(masker.mask("0123TOKEN-XYZ tail", 7)).isEqualTo("0123" + MASK);
        assertThat(masker.mask("0123456789 TOKEN-XYZ", 7)).isEqualTo("0123456");
    }

    @Test
    void forRequestMasksSigningSecretTokenAndOnlyTheTeamSecretsTheBodyCarries() {
        SecretMasker masker = SecretMasker.forRequest("https://hooks.example.com/", "{\"key\":\"deploy-key\"}",
                List.of("deploy-key", "unused-secret"), "whsec_signing", "bearer-token");

        assertThat(masker.mask("deploy-key whsec_signing bearer-token unused-secret"))
                .isEqualTo(MASK + " " + MASK + " " + MASK + " unused-secret");
    }

    @Test
    void theUrlsPathAndQueryAreMaskedWhereAnErrorPageRepeatsThem() {
        SecretMasker masker = SecretMasker.forRequest("https://hooks.slack.com/services/T01/B02/s3cr%20t?x=1", "{}",
                List.of(), null, null);

        assertThat(masker.mask("{\"path\":\"/services/T01/B02/s3cr%20t?x=1\"}")).isEqualTo("{\"path\":\"" + MASK + "\"}");
        assertThat(masker.mask("Cannot POST /services/T01/B02/s3cr t")).isEqualTo("Cannot POST " + MASK);
        assertThat(masker.mask("https://hooks.slack.com/")).isEqualTo("https://hooks.slack.com/");
    }

    @Test
    void aSecretEchoedWithEscapedSlashesOrUrlEncodedIsMasked() {
        SecretMasker masker = new SecretMasker(List.of("ab/c+d="));

        assertThat(masker.mask("{\"token\":\"ab\\/c+d=\"}")).isEqualTo("{\"token\":\"" + MASK + "\"}");
        assertThat(masker.mask("token=ab%2Fc%2Bd%3D")).isEqualTo("token=" + MASK);
    }

    @Test
    void withoutSecretsTextIsUnchangedAndEmptyValuesAreIgnored() {
        SecretMasker masker = SecretMasker.forRequest("https://hooks.example.com", "{}", List.of(""), null, null);

        assertThat(masker.mask("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(masker.mask((String) null)).isNull();
        assertThat(masker.longestInBytes()).isZero();
    }

    @Test
    void headerNamesAndValuesAreMasked() {
        SecretMasker masker = new SecretMasker(List.of("tok"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Echo-Authorization", "Bearer tok");
        headers.put("X-tok", "1");

        assertThat(masker.mask(headers)).containsExactly(Map.entry("X-Echo-Authorization", "Bearer " + MASK),
                Map.entry("X-" + MASK, "1"));
    }
}
