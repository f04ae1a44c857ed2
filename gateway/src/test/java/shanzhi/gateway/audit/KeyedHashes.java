package shanzhi.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import shanzhi.gateway.GatewayTestConfiguration;

/** The keyed hashes an auditor computes with the deployment's audit hash key, independently of the gateway. */
final class KeyedHashes {
    private KeyedHashes() {
    }

    static String expected(String label, byte[] content) {
        return hmac(Base64.getDecoder().decode(GatewayTestConfiguration.AUDIT_HASH_KEY), label, content);
    }

    static String hmac(byte[] key, String label, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((label + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
