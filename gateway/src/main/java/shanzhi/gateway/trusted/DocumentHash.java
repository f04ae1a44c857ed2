package shanzhi.gateway.trusted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A document's id: the lowercase hex SHA-256 of its exact UTF-8 text, as in Apollo's APQ. */
public final class DocumentHash {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private DocumentHash() {
    }

    public static String of(String document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Also guards the Redis key names built from client-supplied hashes. */
    public static boolean isWellFormed(String hash) {
        return hash != null && SHA256_HEX.matcher(hash).matches();
    }
}
