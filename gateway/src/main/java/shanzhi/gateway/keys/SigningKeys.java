package shanzhi.gateway.keys;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The Ed25519 keys evidence is signed with: this replica's own key (by key id), and the public
 * keys of every key whose signatures are still to be trusted (other replicas, retired keys), so
 * a record signed before a rotation still verifies. Private keys never leave the replica; the
 * public set is what the gateway publishes and what an offline verifier is given.
 * <p>
 * A private key is its 32-byte Ed25519 seed (base64, e.g. {@code openssl rand -base64 32}); a
 * public key is the 32-byte raw key of RFC 8037 ({@code x} of the JWK, base64url).
 * <p>
 * The arithmetic is BouncyCastle's (rfc8032.Ed25519): the same signatures as the JDK's provider
 * (Ed25519 is deterministic), about ten times faster on JDK 17, whose pure-Java EdDSA took half a
 * millisecond per signature and per verification: every audit record is signed once and
 * verified at each checkpoint, so that was a large share of a request's CPU.
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";

    private final String activeKeyId;
    private final byte[] activeSeed;
    private final Map<String, Trusted> trusted;

    /** A trusted public key: its raw bytes and the point they decode to (decoded once, not per verification). */
    private record Trusted(byte[] raw, Ed25519.PublicPoint point) {
        static Trusted of(byte[] raw) {
            if (raw.length != Ed25519.PUBLIC_KEY_SIZE) {
                throw new IllegalArgumentException("An Ed25519 public key is 32 bytes, got " + raw.length);
            }
            Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(raw, 0);
            if (point == null) {
                throw new IllegalArgumentException("Not an Ed25519 public key");
            }
            return new Trusted(raw.clone(), point);
        }
    }

    private SigningKeys(String activeKeyId, byte[] activeSeed, Map<String, Trusted> trusted) {
        this.activeKeyId = activeKeyId;
        this.activeSeed = activeSeed;
        this.trusted = Map.copyOf(trusted);
    }

    /** {@code seed}: this replica's 32-byte seed; {@code others}: key id to raw public key (base64url). */
    public static SigningKeys of(String keyId, byte[] seed, Map<String, String> others) {
        if (keyId == null || keyId.isBlank() || !keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("A signing key id is 1-64 of A-Z a-z 0-9 . _ -, got " + keyId);
        }
        if (seed == null || seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 seed is 32 bytes");
        }
        byte[] own = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, own, 0);
        Map<String, Trusted> trusted = new LinkedHashMap<>();
        others.forEach((id, raw) -> trusted.put(id, Trusted.of(Base64.getUrlDecoder().decode(raw.trim()))));
        Trusted configured = trusted.get(keyId);
        if (configured != null && !Arrays.equals(configured.raw(), own)) {
            throw new IllegalArgumentException("Key id " + keyId + " is trusted with another public key than its seed's");
        }
        trusted.put(keyId, Trusted.of(own));
        return new SigningKeys(keyId, seed.clone(), trusted);
    }

    /** Only public keys: what an offline verifier holds. */
    public static SigningKeys verifying(Map<String, String> publicKeys) {
        Map<String, Trusted> trusted = new LinkedHashMap<>();
        publicKeys.forEach((id, raw) -> trusted.put(id, Trusted.of(Base64.getUrlDecoder().decode(raw.trim()))));
        return new SigningKeys(null, null, trusted);
    }

    public String activeKeyId() {
        if (activeKeyId == null) {
            throw new IllegalStateException("These keys only verify");
        }
        return activeKeyId;
    }

    /** A signature by the active key over {@code message}. */
    public byte[] sign(byte[] message) {
        if (activeSeed == null) {
            throw new IllegalStateException("These keys only verify");
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(activeSeed, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** False for an unknown key id as for a bad signature: neither is evidence. */
    public boolean verify(String keyId, byte[] message, byte[] signatureBytes) {
        Trusted key = keyId == null ? null : trusted.get(keyId);
        if (key == null || signatureBytes == null || signatureBytes.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signatureBytes, 0, key.point(), message, 0, message.length);
    }

    public boolean knows(String keyId) {
        return keyId != null && trusted.containsKey(keyId);
    }

    /** Key id to raw public key (base64url), the active key's included. */
    public Map<String, String> publicKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        trusted.forEach((id, key) -> keys.put(id, Base64.getUrlEncoder().withoutPadding().encodeToString(key.raw())));
        return keys;
    }

    /** The public set as a JWK Set (RFC 7517, OKP keys of RFC 8037). */
    public Map<String, Object> jwks() {
        return Map.of("keys", publicKeys().entrySet().stream()
                .map(key -> Map.of("kty", "OKP", "crv", ALGORITHM, "alg", "EdDSA", "use", "sig",
                        "kid", key.getKey(), "x", key.getValue()))
                .toList());
    }

    public Optional<String> rawPublicKey(String keyId) {
        return Optional.ofNullable(publicKeys().get(keyId));
    }
}
