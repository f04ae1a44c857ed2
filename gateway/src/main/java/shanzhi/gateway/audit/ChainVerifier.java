package shanzhi.gateway.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.Endpoint;

/**
 * Walks the audit chain from the first record and reports the first broken link: a missing
 * sequence number (a deleted record), a prev_hash that is not the previous record's hash, fields
 * that no longer match the content hash, a hash that does not follow from the rest, or a head
 * that is not where the last record is (deleted records at the end). It recomputes every hash in
 * Java from the columns, so it trusts nothing the database computed and catches edits made with
 * the append-only triggers switched off. Rows are streamed through a cursor, not held in memory,
 * in one REPEATABLE READ snapshot so appends running meanwhile do not look like breaks.
 */
public class ChainVerifier {
    private static final int FETCH_SIZE = 1000;
    /** The arrays' one canonical shape, checked here rather than trusted to a constraint an owner can drop. */
    private static final String CANONICAL = "(cardinality(%1$s) = 0 OR (array_ndims(%1$s) = 1 AND array_lower(%1$s, 1) = 1"
            + " AND array_position(%1$s, NULL) IS NULL))";
    private static final String SELECT = """
            SELECT sequence, recorded_at, subject, roles, scope, client, worker_id, operation_type,
                   operation_name, document_hash, person_ids, fields, outcome, content_hash, prev_hash, hash,
                   record_version, variables_hash, connections, refusals, purpose, purpose_case, disclosed_from,
                   key_id, signature, %s AS canonical
            FROM audit_record ORDER BY sequence""".formatted(String.join(" AND ",
            java.util.stream.Stream.of("roles", "person_ids", "fields", "connections", "refusals")
                    .map(CANONICAL::formatted).toList()));
    private final Endpoint endpoint;
    private final SigningKeys keys;
    private final java.util.concurrent.atomic.AtomicLong walks = new java.util.concurrent.atomic.AtomicLong();

    /** {@code keys}: the public keys of every replica and retired key whose signatures are evidence. */
    public ChainVerifier(Endpoint endpoint, SigningKeys keys) {
        this.endpoint = endpoint;
        this.keys = keys;
    }

    /** Walks made so far (each reads the whole chain). */
    public long walks() {
        return walks.get();
    }

    public ChainStatus verify() {
        walks.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(),
                endpoint.password())) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return walk(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit chain at " + endpoint.jdbcUrl(), e);
        }
    }

    private ChainStatus walk(Connection connection) throws SQLException {
        long headSequence;
        byte[] headHash;
        try (var head = connection.prepareStatement("SELECT sequence, hash FROM audit_chain_head");
             ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                return ChainStatus.broken(0, 0, "the chain head is missing");
            }
            headSequence = row.getLong("sequence");
            headHash = row.getBytes("hash");
        }
        long expected = 1;
        byte[] previous = RecordDigest.GENESIS;
        boolean signedSeen = false;
        try (var records = connection.prepareStatement(SELECT)) {
            records.setFetchSize(FETCH_SIZE);
            try (ResultSet row = records.executeQuery()) {
                while (row.next()) {
                    long sequence = row.getLong("sequence");
                    long read = expected - 1;
                    if (sequence != expected) {
                        return ChainStatus.broken(read, expected, "record " + expected + " is missing (the next is "
                                + sequence + ")");
                    }
                    if (!Arrays.equals(row.getBytes("prev_hash"), previous)) {
                        return ChainStatus.broken(read, sequence, "prev_hash is not the hash of record " + (sequence - 1));
                    }
                    if (!row.getBoolean("canonical")) {
                        return ChainStatus.broken(read, sequence, "an array of the record is not in its canonical shape "
                                + "(one dimension, lower bound 1, no NULL): SQL would read it otherwise than the digest");
                    }
                    byte[] content;
                    try {
                        content = RecordDigest.contentHash(entry(row));
                    } catch (RuntimeException malformed) {
                        // e.g. an outcome edited to a value the gateway never writes
                        return ChainStatus.broken(read, sequence, "the record's fields are malformed: " + malformed);
                    }
                    if (!Arrays.equals(row.getBytes("content_hash"), content)) {
                        return ChainStatus.broken(read, sequence, "the record's fields do not match its content hash");
                    }
                    String keyId = row.getString("key_id");
                    if (keyId == null && signedSeen) {
                        return ChainStatus.broken(read, sequence, "the record is unsigned, after signed records");
                    }
                    if (keyId != null) {
                        if (!keys.knows(keyId)) {
                            return ChainStatus.broken(read, sequence, "the record is signed by an unknown key " + keyId);
                        }
                        if (!keys.verify(keyId, RecordSignature.message(content, keyId), row.getBytes("signature"))) {
                            return ChainStatus.broken(read, sequence, "the record's signature does not verify with key " + keyId);
                        }
                        signedSeen = true;
                    }
                    byte[] hash = row.getBytes("hash");
                    if (!Arrays.equals(hash, RecordDigest.link(previous, sequence, content))) {
                        return ChainStatus.broken(read, sequence, "hash mismatch: it does not follow from prev_hash, "
                                + "sequence and content");
                    }
                    previous = hash;
                    expected++;
                }
            }
        }
        long records = expected - 1;
        if (headSequence != records) {
            return ChainStatus.broken(records, records + 1, "the chain head is at record " + headSequence
                    + " but the last record is " + records);
        }
        if (!Arrays.equals(headHash, previous)) {
            return ChainStatus.broken(records, headSequence, "the chain head's hash is not the last record's hash");
        }
        return ChainStatus.intact(records);
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        long workerId = row.getLong("worker_id");
        Long worker = row.wasNull() ? null : workerId;
        return new AuditEntry(row.getInt("record_version"), row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                row.getString("subject"), strings(row.getArray("roles")), row.getString("scope"), row.getString("client"),
                worker, row.getString("operation_type"), row.getString("operation_name"), row.getString("document_hash"),
                row.getString("variables_hash"), longs(row.getArray("person_ids")), strings(row.getArray("fields")),
                strings(row.getArray("connections")), strings(row.getArray("refusals")),
                AuditEntry.Outcome.valueOf(row.getString("outcome")), purpose(row));
    }

    private static AccessPurpose purpose(ResultSet row) throws SQLException {
        OffsetDateTime disclosed = row.getObject("disclosed_from", OffsetDateTime.class);
        String code = row.getString("purpose");
        return code == null && row.getString("purpose_case") == null && disclosed == null ? null
                : new AccessPurpose(code, row.getString("purpose_case"), disclosed == null ? null : disclosed.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.asList((Long[]) array.getArray());
    }
}
