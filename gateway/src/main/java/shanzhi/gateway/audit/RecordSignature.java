package shanzhi.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What a replica signs for each record it writes: its content hash (which covers every field of
 * the record, RecordDigest) and the signing key's id, so a signature cannot be moved to another
 * record or claimed for another key. The sequence is not signed, since the database's trigger
 * assigns it after signing; the hash chain binds the order. Written by AuditLog, checked by
 * ChainVerifier: one message for both.
 */
public final class RecordSignature {
    private static final String DOMAIN = "shanzhi-audit-record-signature-v1";

    private RecordSignature() {
    }

    public static byte[] message(byte[] contentHash, String keyId) {
        return (DOMAIN + "\n" + HexFormat.of().formatHex(contentHash) + "\n" + keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
