package shanzhi.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JWS with a detached payload (RFC 7515 Appendix F): {@code base64url(header)..base64url(signature)},
 * Ed25519 ("EdDSA", RFC 8037) by the keys of {@link SigningKeys}. The signing input is
 * ASCII(base64url(header) + "." + base64url(payload)) over the payload's exact bytes; the payload
 * itself travels beside the signature (e.g. a response body beside its header).
 */
public final class DetachedJws {
    public static final String ALGORITHM = "EdDSA";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private DetachedJws() {
    }

    /** Signed by the active key: header {"alg":"EdDSA","kid":...,"typ":type} and then {@code extra}. */
    public static String sign(SigningKeys keys, String type, Map<String, Object> extra, byte[] payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", ALGORITHM);
        header.put("kid", keys.activeKeyId());
        header.put("typ", type);
        extra.forEach(header::putIfAbsent);
        return sign(keys, JSON.writeValueAsString(header), payload);
    }

    /** With this protected header exactly as given (its bytes are what is signed). */
    static String sign(SigningKeys keys, String protectedHeader, byte[] payload) {
        String header = ENCODE.encodeToString(protectedHeader.getBytes(StandardCharsets.UTF_8));
        return header + ".." + ENCODE.encodeToString(keys.sign(signingInput(header, payload)));
    }

    /**
     * The protected header when {@code jws} is a detached EdDSA JWS whose signature over
     * {@code payload} verifies with the trusted key its kid names; empty for anything else
     * (malformed, another algorithm, an attached payload, an unknown key, a bad signature).
     */
    public static Optional<Map<String, Object>> verify(SigningKeys keys, String jws, byte[] payload) {
        if (jws == null) {
            return Optional.empty();
        }
        String[] parts = jws.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> header = JSON.readValue(DECODE.decode(parts[0]), Map.class);
            if (!ALGORITHM.equals(header.get("alg")) || !(header.get("kid") instanceof String keyId)) {
                return Optional.empty();
            }
            return keys.verify(keyId, signingInput(parts[0], payload), DECODE.decode(parts[2]))
                    ? Optional.of(header) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    private static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + ENCODE.encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
    }
}
