package shanzhi.gateway.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The hashes of the chain, computed the same way by the writer (content hash) and the verifier
 * (content hash and link). The content encoding is length-prefixed UTF-8, so no two different
 * records encode alike whatever their text contains. The link, sha256(prev || int8 sequence ||
 * content hash), is the formula the database's audit_link trigger applies.
 */
public final class RecordDigest {
    /** hash(0): what the first record's prev_hash is. */
    public static final byte[] GENESIS = new byte[32];
    private static final String V1 = "shanzhi-audit-v1";
    private static final String V2 = "shanzhi-audit-v2";
    private static final String V3 = "shanzhi-audit-v3";
    private static final String V4 = "shanzhi-audit-v4";

    private RecordDigest() {
    }

    /** Version 1 records keep their encoding; each later version adds its fields after the previous one's. */
    public static byte[] contentHash(AuditEntry entry) {
        if (entry.version() < 1 || entry.version() > AuditEntry.CURRENT) {
            throw new IllegalArgumentException("Unknown audit record version " + entry.version());
        }
        Encoder encoder = new Encoder();
        encoder.text("version", switch (entry.version()) {
            case 1 -> V1;
            case 2 -> V2;
            case 3 -> V3;
            default -> V4;
        });
        encoder.text("recorded_at", Long.toString(micros(entry.recordedAt())));
        encoder.text("subject", entry.subject());
        encoder.list("roles", entry.roles());
        encoder.text("scope", entry.scope());
        encoder.text("client", entry.client());
        encoder.text("worker_id", entry.workerId() == null ? null : entry.workerId().toString());
        encoder.text("operation_type", entry.operationType());
        encoder.text("operation_name", entry.operationName());
        encoder.text("document_hash", entry.documentHash());
        encoder.list("person_ids", entry.personIds().stream().map(String::valueOf).toList());
        encoder.list("fields", entry.fields());
        encoder.text("outcome", entry.outcome().name());
        if (entry.version() >= 2) {
            encoder.text("variables_hash", entry.variablesHash());
            encoder.list("connections", entry.connections());
            encoder.list("refusals", entry.refusals());
        }
        if (entry.version() >= 3) {
            AccessPurpose purpose = entry.purpose();
            encoder.text("purpose", purpose == null ? null : purpose.code());
            encoder.text("purpose_case", purpose == null ? null : purpose.caseNumber());
            encoder.text("disclosed_from", purpose == null || purpose.disclosedFrom() == null ? null
                    : Long.toString(micros(purpose.disclosedFrom())));
        } else if (entry.purpose() != null) {
            throw new IllegalArgumentException("A version " + entry.version() + " record has no purpose");
        }
        if (entry.version() >= 4) {
            encoder.text("response_digest", entry.responseDigest());
        } else if (entry.responseDigest() != null) {
            throw new IllegalArgumentException("A version " + entry.version() + " record has no response digest");
        }
        return sha256(encoder.bytes());
    }

    public static byte[] link(byte[] previousHash, long sequence, byte[] contentHash) {
        return sha256(ByteBuffer.allocate(previousHash.length + Long.BYTES + contentHash.length)
                .put(previousHash).putLong(sequence).put(contentHash).array());
    }

    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void text(String name, String value) {
            raw(name);
            if (value == null) {
                out.write('-');
            } else {
                out.write('=');
                lengthPrefixed(value);
            }
            out.write('\n');
        }

        void list(String name, List<String> values) {
            raw(name);
            out.write('#');
            raw(Integer.toString(values.size()));
            for (String value : values) {
                out.write(' ');
                lengthPrefixed(value);
            }
            out.write('\n');
        }

        private void lengthPrefixed(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            raw(Integer.toString(bytes.length));
            out.write(':');
            out.writeBytes(bytes);
        }

        private void raw(String ascii) {
            out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
