package shanzhi.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SigningKeysTest {
    // RFC 8032, section 7.1, TEST 1: the seed, its public key and its signature of the empty message.
    private static final byte[] SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String PUBLIC = Base64.getUrlEncoder().withoutPadding().encodeToString(
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    private static final String EMPTY_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void aSeedGivesTheKeyPairOfRfc8032() {
        SigningKeys keys = SigningKeys.of("k1", SEED, Map.of());
        assertThat(keys.publicKeys()).containsEntry("k1", PUBLIC);
        assertThat(HexFormat.of().formatHex(keys.sign(new byte[0]))).isEqualTo(EMPTY_SIGNATURE);
    }

    @Test
    void aSignatureVerifiesWithThePublishedKeyAloneAndNotAfterAChangedByte() {
        SigningKeys signer = SigningKeys.of("k1", SEED, Map.of());
        byte[] message = "record 7".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(message);
        SigningKeys verifier = SigningKeys.verifying(signer.publicKeys());
        assertThat(verifier.verify("k1", message, signature)).isTrue();
        message[0] ^= 1;
        assertThat(verifier.verify("k1", message, signature)).isFalse();
        assertThat(verifier.verify("other", "record 7".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void aRotatedReplicaStillVerifiesWhatItsOldKeySigned() {
        SigningKeys old = SigningKeys.of("2026-01", SEED, Map.of());
        byte[] signature = old.sign(new byte[] {1, 2, 3});
        byte[] newSeed = new byte[32];
        newSeed[0] = 7;
        SigningKeys rotated = SigningKeys.of("2026-02", newSeed, Map.of("2026-01", old.publicKeys().get("2026-01")));
        assertThat(rotated.activeKeyId()).isEqualTo("2026-02");
        assertThat(rotated.verify("2026-01", new byte[] {1, 2, 3}, signature)).isTrue();
        assertThat(rotated.jwks().get("keys")).asList().hasSize(2);
    }

    @Test
    void aKeyIdTrustedWithAnotherKeyThanItsSeedsIsRefused() {
        byte[] other = new byte[32];
        String otherPublic = SigningKeys.of("x", other, Map.of()).publicKeys().get("x");
        assertThatThrownBy(() -> SigningKeys.of("k1", SEED, Map.of("k1", otherPublic)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKeys.of("bad id!", SEED, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
