package shanzhi.gateway.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * This replica's evidence signing key, under the rule of every deployment secret (DeploymentKey):
 * shanzhi.evidence.signing.seed configured, or generated for a demo run. Unlike the shared
 * secrets it is the replica's own (each replica signs what it wrote); the key id is the key's
 * fingerprint unless shanzhi.evidence.signing.key-id names it. shanzhi.evidence.signing.trusted.*
 * (key id: raw public key, base64url) are the other replicas' and the retired keys.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {
    public static final String SEED = "shanzhi.evidence.signing.seed";
    public static final String KEY_ID = "shanzhi.evidence.signing.key-id";
    public static final String TRUSTED = "shanzhi.evidence.signing.trusted";

    @Bean
    SigningKeys signingKeys(Environment environment) {
        byte[] seed = DeploymentKey.resolve(environment, SEED, "Ed25519 seed this replica signs evidence with");
        Map<String, String> trusted = new LinkedHashMap<>(Binder.get(environment)
                .bind(TRUSTED, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        String keyId = environment.getProperty(KEY_ID);
        if (keyId == null || keyId.isBlank()) {
            keyId = fingerprint(SigningKeys.of("probe", seed, Map.of()).publicKeys().get("probe"));
        }
        return SigningKeys.of(keyId.trim(), seed, trusted);
    }

    /** "ed25519-" and the first 16 hex digits of sha256 of the raw public key. */
    public static String fingerprint(String rawPublicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return "ed25519-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
