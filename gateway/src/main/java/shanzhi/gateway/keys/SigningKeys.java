package shanzhi.gateway.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 keys evidence is signed with: this replica's own key (by key id), and the public
 * keys of every key whose signatures are still to be trusted (other replicas, retired keys), so
 * a record signed before a rotation still verifies. Private keys never leave the replica; the
 * public set is what the gateway publishes and what an offline verifier is given.
 * <p>
 * A private key is its 32-byte Ed25519 seed (base64, e.g. {@code openssl rand -base64 32}); a
 * public key is the 32-byte raw key of RFC 8037 ({@code x} of the JWK, base64url).
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final byte[] X509_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VwAyEA");

    private final String activeKeyId;
    private final PrivateKey activeKey;
    private final Map<String, PublicKey> trusted;

    private SigningKeys(String activeKeyId, PrivateKey activeKey, Map<String, PublicKey> trusted) {
        this.activeKeyId = activeKeyId;
        this.activeKey = activeKey;
        this.trusted = Map.copyOf(trusted);
    }

    /** {@code seed}: this replica's 32-byte seed; {@code others}: key id to raw public key (base64url). */
    public static SigningKeys of(String keyId, byte[] seed, Map<String, String> others) {
        if (keyId == null || keyId.isBlank() || !keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("A signing key id is 1-64 of A-Z a-z 0-9 . _ -, got " + keyId);
        }
        KeyPair pair = fromSeed(seed);
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        others.forEach((id, raw) -> trusted.put(id, publicKey(Base64.getUrlDecoder().decode(raw.trim()))));
        PublicKey own = trusted.get(keyId);
        if (own != null && !own.equals(pair.getPublic())) {
            throw new IllegalArgumentException("Key id " + keyId + " is trusted with another public key than its seed's");
        }
        trusted.put(keyId, pair.getPublic());
        return new SigningKeys(keyId, pair.getPrivate(), trusted);
    }

    /** Only public keys: what an offline verifier holds. */
    public static SigningKeys verifying(Map<String, String> publicKeys) {
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        publicKeys.forEach((id, raw) -> trusted.put(id, publicKey(Base64.getUrlDecoder().decode(raw.trim()))));
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
        if (activeKey == null) {
            throw new IllegalStateException("These keys only verify");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(activeKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** False for an unknown key id as for a bad signature: neither is evidence. */
    public boolean verify(String keyId, byte[] message, byte[] signatureBytes) {
        PublicKey key = keyId == null ? null : trusted.get(keyId);
        if (key == null || signatureBytes == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public boolean knows(String keyId) {
        return keyId != null && trusted.containsKey(keyId);
    }

    /** Key id to raw public key (base64url), the active key's included. */
    public Map<String, String> publicKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        trusted.forEach((id, key) -> keys.put(id, Base64.getUrlEncoder().withoutPadding().encodeToString(raw(key))));
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

    private static KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("An Ed25519 seed is 32 bytes");
        }
        byte[] copy = seed.clone();
        // The JDK derives an Ed25519 key pair from the 32 bytes its generator draws: hand it the seed.
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != copy.length) {
                    throw new IllegalStateException("Ed25519 key generation drew " + bytes.length + " bytes");
                }
                System.arraycopy(copy, 0, bytes, 0, copy.length);
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, fixed);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK 17 has Ed25519", e);
        }
    }

    private static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("An Ed25519 public key is 32 bytes, got " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }

    private static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
