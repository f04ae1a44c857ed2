package shanzhi.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Detached-payload JWS (RFC 7515 Appendix F) with Ed25519, checked against RFC 8037's own example. */
class DetachedJwsTest {
    // RFC 8037 Appendix A.1 (the key) and A.4 (the JWS of "Example of Ed25519 signing" under {"alg":"EdDSA"}).
    private static final String RFC_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final byte[] RFC_PAYLOAD = "Example of Ed25519 signing".getBytes(StandardCharsets.US_ASCII);
    private static final String RFC_HEADER = "eyJhbGciOiJFZERTQSJ9";
    private static final String RFC_SIGNATURE = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private final SigningKeys rfcKey = SigningKeys.of("rfc8037", Base64.getUrlDecoder().decode(RFC_D), Map.of());

    @Test
    void theRfc8037ExampleIsReproducedByteForByteInDetachedForm() {
        assertThat(rfcKey.publicKeys()).containsEntry("rfc8037", RFC_X);
        assertThat(DetachedJws.sign(rfcKey, "{\"alg\":\"EdDSA\"}", RFC_PAYLOAD))
                .isEqualTo(RFC_HEADER + ".." + RFC_SIGNATURE);
    }

    @Test
    void theRfcExampleNamesNoKeySoItIsNotEvidenceHere() {
        assertThat(DetachedJws.verify(rfcKey, RFC_HEADER + ".." + RFC_SIGNATURE, RFC_PAYLOAD)).isEmpty();
    }

    @Test
    void aSignatureVerifiesWithThePublishedKeyAndCarriesItsHeader() {
        String jws = DetachedJws.sign(rfcKey, "shanzhi-response+jws", Map.of("audit_sequence", 42), RFC_PAYLOAD);
        SigningKeys published = SigningKeys.verifying(rfcKey.publicKeys());
        assertThat(DetachedJws.verify(published, jws, RFC_PAYLOAD)).hasValueSatisfying(header -> assertThat(header)
                .containsEntry("alg", "EdDSA").containsEntry("kid", "rfc8037")
                .containsEntry("typ", "shanzhi-response+jws").containsEntry("audit_sequence", 42));
        assertThat(jws.split("\\.", -1)).hasSize(3).satisfies(parts -> assertThat(parts[1]).isEmpty());
    }

    @Test
    void oneChangedByteAnUnknownKeyOrAnAttachedPayloadFails() {
        String jws = DetachedJws.sign(rfcKey, "shanzhi-response+jws", Map.of(), RFC_PAYLOAD);
        byte[] changed = RFC_PAYLOAD.clone();
        changed[3] ^= 1;
        assertThat(DetachedJws.verify(rfcKey, jws, changed)).isEmpty();
        SigningKeys stranger = SigningKeys.of("other", new byte[32], Map.of());
        assertThat(DetachedJws.verify(stranger, jws, RFC_PAYLOAD)).isEmpty();
        String[] parts = jws.split("\\.", -1);
        String attached = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(RFC_PAYLOAD) + "." + parts[2];
        assertThat(DetachedJws.verify(rfcKey, attached, RFC_PAYLOAD)).isEmpty();
        assertThat(DetachedJws.verify(rfcKey, "not a jws", RFC_PAYLOAD)).isEmpty();
        assertThat(DetachedJws.verify(rfcKey, "!!..!!", RFC_PAYLOAD)).isEmpty();
    }
}
