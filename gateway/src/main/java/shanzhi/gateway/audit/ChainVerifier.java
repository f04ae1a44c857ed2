package shanzhi.gateway.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.witness.Checkpoint;
import shanzhi.gateway.witness.Witnesses;

/**
 * Walks the audit chain and reports the first broken link: a missing sequence number (a deleted
 * record), a prev_hash that is not the previous record's hash, fields that no longer match the
 * content hash, a bad or unknown signature, a hash that does not follow from the rest, or a head
 * that is not where the last record is. It recomputes every hash in Java from the columns, so it
 * trusts nothing the database computed and catches edits made with the append-only triggers
 * switched off.
 * <p>
 * The chain alone cannot show what its owner removed and re-linked: the witnesses can. Every
 * witnessed checkpoint (signed by a trusted key) must match the record at its sequence, and the
 * chain must reach the highest one; a witness that disagrees is named, with the first sequence
 * affected. An empty trail after a checkpoint was written is broken, not valid.
 * <p>
 * {@link #verify()} walks every record (the operator's full check); {@link #verifyIncrementally()}
 * resumes from the last verified point (this replica's last walk, else the newest trusted
 * checkpoint, which a replica writes only after verifying up to it), so it stays cheap with
 * millions of records; when that point no longer holds it walks everything to find where.
 * Rows are streamed through a cursor in one REPEATABLE READ snapshot, taken after the witnesses
 * were read, so appends running meanwhile do not look like breaks.
 */
public class ChainVerifier {
    private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);
    private static final int FETCH_SIZE = 1000;
    /** The arrays' one canonical shape, checked here rather than trusted to a constraint an owner can drop. */
    private static final String CANONICAL = "(cardinality(%1$s) = 0 OR (array_ndims(%1$s) = 1 AND array_lower(%1$s, 1) = 1"
            + " AND array_position(%1$s, NULL) IS NULL))";
    static final String SELECT = """
            SELECT sequence, recorded_at, subject, roles, scope, client, worker_id, operation_type,
                   operation_name, document_hash, person_ids, fields, outcome, content_hash, prev_hash, hash,
                   record_version, variables_hash, connections, refusals, purpose, purpose_case, disclosed_from,
                   key_id, signature, response_digest, %s AS canonical
            FROM audit_record WHERE sequence > ? AND sequence <= ? ORDER BY sequence""".formatted(String.join(" AND ",
            java.util.stream.Stream.of("roles", "person_ids", "fields", "connections", "refusals")
                    .map(CANONICAL::formatted).toList()));
    private final Endpoint endpoint;
    private final SigningKeys keys;
    private final Witnesses witnesses;
    private final AtomicLong walks = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicReference<Point> verified = new AtomicReference<>();
    private final AtomicReference<ChainStatus> last = new AtomicReference<>();

    /** {@code keys}: the public keys of every replica and retired key whose signatures are evidence. */
    public ChainVerifier(Endpoint endpoint, SigningKeys keys) {
        this(endpoint, keys, Witnesses.none());
    }

    public ChainVerifier(Endpoint endpoint, SigningKeys keys, Witnesses witnesses) {
        this.endpoint = endpoint;
        this.keys = keys;
        this.witnesses = witnesses;
    }

    /** Verifications made so far (each one walk, whole or from a verified point). */
    public long walks() {
        return walks.get();
    }

    /** Records read by all verifications so far: what incremental verification keeps small. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** The last verification's answer, if one was made. */
    public Optional<ChainStatus> lastStatus() {
        return Optional.ofNullable(last.get());
    }

    /** Every record from the first, against every witness: the operator's full check. */
    public ChainStatus verify() {
        return verifyFrom(null).status();
    }

    /** From the last verified point; a full walk when there is none or it no longer holds. */
    public ChainStatus verifyIncrementally() {
        return verifyToHead().status();
    }

    /** An incremental verification and, when valid, the head it verified (what a checkpoint signs). */
    Verified verifyToHead() {
        Point from = verified.get();
        if (from == null) {
            Checkpoint newest = WitnessedCheckpoints.newestTrusted(witnesses, keys);
            from = newest == null ? null : new Point(newest.sequence(), newest.hash());
        }
        return verifyFrom(from);
    }

    private Verified verifyFrom(Point from) {
        walks.incrementAndGet();
        Verified result;
        try {
            result = walkFrom(from);
            if (result == null) {
                result = walkFrom(null); // the point no longer holds: find where the chain broke
            }
        } catch (RuntimeException failure) {
            last.set(null);
            throw failure;
        }
        ChainStatus status = result.status();
        last.set(status);
        if (status.valid()) {
            verified.set(new Point(status.records(), result.headHash()));
        } else {
            verified.set(null);
            log.error("AUDIT CHAIN BROKEN: {}", status);
        }
        return result;
    }

    /** Null when {@code from} is not a record of the chain any more (then only a full walk can say where). */
    private Verified walkFrom(Point from) {
        long start = from == null ? 0 : from.sequence();
        // Witnesses first, then the snapshot: every copy read describes records the snapshot holds.
        WitnessedCheckpoints witnessed = WitnessedCheckpoints.read(witnesses, keys, start);
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(),
                endpoint.password())) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                if (from != null && !from.holdsIn(connection)) {
                    return null;
                }
                Verified walked = walk(connection, from == null ? new Point(0, RecordDigest.GENESIS) : from, witnessed);
                return new Verified(walked.status().from(start, witnessed.statuses()), walked.headHash());
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit chain at " + endpoint.jdbcUrl(), e);
        }
    }

    private Verified walk(Connection connection, Point from, WitnessedCheckpoints witnessed) throws SQLException {
        long headSequence;
        byte[] headHash;
        try (var head = connection.prepareStatement("SELECT sequence, hash FROM audit_chain_head");
             ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                return broken(0, 0, "the chain head is missing");
            }
            headSequence = row.getLong("sequence");
            headHash = row.getBytes("hash");
        }
        ChainWalk walk = new ChainWalk(from.sequence(), from.hash(), from.sequence() > 0 && signed(connection, from.sequence()),
                keys, witnessed, headSequence);
        Optional<ChainStatus> broken = walk.start();
        if (broken.isPresent()) {
            return new Verified(broken.get(), null);
        }
        try (var records = connection.prepareStatement(SELECT)) {
            records.setFetchSize(FETCH_SIZE);
            records.setLong(1, from.sequence());
            records.setLong(2, Long.MAX_VALUE);
            try (ResultSet row = records.executeQuery()) {
                while (row.next()) {
                    recordsRead.incrementAndGet();
                    broken = walk.next(record(row));
                    if (broken.isPresent()) {
                        return new Verified(broken.get(), null);
                    }
                }
            }
        }
        broken = walk.nothingWitnessedBeyond();
        if (broken.isPresent()) {
            return new Verified(broken.get(), null);
        }
        long records = walk.lastSequence();
        if (headSequence != records) {
            return broken(records, records + 1, "the chain head is at record " + headSequence
                    + " but the last record is " + records);
        }
        if (!Arrays.equals(headHash, walk.lastHash())) {
            return broken(records, headSequence, "the chain head's hash is not the last record's hash");
        }
        return new Verified(ChainStatus.intact(records), walk.lastHash());
    }

    /** A row of {@link #SELECT} as the walk reads it. */
    static ChainRecord record(ResultSet row) throws SQLException {
        AuditEntry entry = null;
        String malformed = null;
        try {
            entry = entry(row);
        } catch (RuntimeException e) {
            // e.g. an outcome edited to a value the gateway never writes
            malformed = e.toString();
        }
        return new ChainRecord(row.getLong("sequence"), entry, malformed, row.getBytes("content_hash"),
                row.getBytes("prev_hash"), row.getBytes("hash"), row.getString("key_id"), row.getBytes("signature"),
                row.getBoolean("canonical"));
    }

    private static Verified broken(long records, long sequence, String reason) {
        return new Verified(ChainStatus.broken(records, sequence, reason), null);
    }

    private static boolean signed(Connection connection, long sequence) throws SQLException {
        try (var select = connection.prepareStatement("SELECT key_id IS NOT NULL FROM audit_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** A verification's answer and, when valid, the hash of the head it verified. */
    record Verified(ChainStatus status, byte[] headHash) {
    }

    /** A record known good: its sequence and hash (sequence 0 is the genesis). */
    private record Point(long sequence, byte[] hash) {
        boolean holdsIn(Connection connection) throws SQLException {
            if (sequence == 0) {
                return true;
            }
            try (var select = connection.prepareStatement("SELECT hash FROM audit_record WHERE sequence = ?")) {
                select.setLong(1, sequence);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && Arrays.equals(row.getBytes(1), hash);
                }
            }
        }
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        long workerId = row.getLong("worker_id");
        Long worker = row.wasNull() ? null : workerId;
        return new AuditEntry(row.getInt("record_version"), row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                row.getString("subject"), strings(row.getArray("roles")), row.getString("scope"), row.getString("client"),
                worker, row.getString("operation_type"), row.getString("operation_name"), row.getString("document_hash"),
                row.getString("variables_hash"), longs(row.getArray("person_ids")), strings(row.getArray("fields")),
                strings(row.getArray("connections")), strings(row.getArray("refusals")),
                AuditEntry.Outcome.valueOf(row.getString("outcome")), purpose(row), row.getString("response_digest"));
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
