package shanzhi.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import shanzhi.api.Canonical;

/**
 * The keyed hashes the audit trail and the access log carry instead of what a request sent:
 * HMAC-SHA256 with the deployment's audit hash key (shanzhi.audit.hash-key), hex. A plain hash of
 * variables that hold an ID number is reversed by trying every plausible number (seconds); with
 * a key nobody without it can try. An auditor holding the key recomputes them from a suspected
 * request and compares. Each kind has its own label, so one kind's hash never stands for another:
 * <ul>
 * <li>document: {@code HMAC(key, "document\n" || UTF-8 text of the document that ran)};</li>
 * <li>variables: {@code HMAC(key, "variables\n" || Canonical(variables))}, {@code {}} when none;</li>
 * <li>value: {@code HMAC(key, "value\n" || Canonical([coordinate, value]))}, for a looked-up key
 *     or a connection's filter.</li>
 * </ul>
 */
public final class AuditHashes {
    private final SecretKeySpec key;

    public AuditHashes(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String document(String document) {
        return hmac("document", (document == null ? "" : document).getBytes(StandardCharsets.UTF_8));
    }

    public String variables(Map<String, Object> variables) {
        return hmac("variables", Canonical.bytes(variables == null ? Map.of() : variables));
    }

    public String value(String coordinate, Object value) {
        return hmac("value", Canonical.bytes(java.util.Arrays.asList(coordinate, value)));
    }

    private String hmac(String label, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((label + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }
}
