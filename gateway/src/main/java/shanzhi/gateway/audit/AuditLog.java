package shanzhi.gateway.audit;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.codec.Json;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.observability.micrometer.Micrometer;
import reactor.core.publisher.Mono;
import shanzhi.gateway.keys.SigningKeys;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends records to the audit store. The database's audit_link trigger gives each record its
 * sequence and chains it to the head under a row lock, so any number of gateway replicas can
 * append at once and still leave one chain.
 * <p>
 * Group append: one INSERT is in flight per gateway at a time, and the records that arrive
 * meanwhile go together in the next one (up to {@value #MAX_RECORDS}). An idle gateway writes a
 * record at once; a busy one sends one statement, one commit and one turn at the chain-head lock
 * for many requests instead of one each. Every caller still waits until its own record is
 * committed, and a failed INSERT fails every record in it.
 */
public class AuditLog {
    static final int MAX_RECORDS = 64;
    // Records travel as one jsonb array; the SELECT keeps their order, so sequences follow arrival.
    private static final String INSERT = """
            INSERT INTO audit_record (recorded_at, subject, roles, scope, client, worker_id, operation_type,
                                      operation_name, document_hash, person_ids, fields, outcome, content_hash,
                                      record_version, variables_hash, connections, refusals, purpose, purpose_case,
                                      disclosed_from, key_id, signature, response_digest)
            SELECT (r->>'recordedAt')::timestamptz, r->>'subject',
                   ARRAY(SELECT jsonb_array_elements_text(r->'roles')), r->>'scope', r->>'client',
                   (r->>'workerId')::bigint, r->>'operationType', r->>'operationName', r->>'documentHash',
                   ARRAY(SELECT jsonb_array_elements_text(r->'personIds')::bigint),
                   ARRAY(SELECT jsonb_array_elements_text(r->'fields')), r->>'outcome',
                   decode(r->>'contentHash', 'hex'), (r->>'version')::smallint, r->>'variablesHash',
                   ARRAY(SELECT jsonb_array_elements_text(r->'connections')),
                   ARRAY(SELECT jsonb_array_elements_text(r->'refusals')),
                   r->>'purpose', r->>'purposeCase', (r->>'disclosedFrom')::timestamptz,
                   r->>'keyId', decode(r->>'signature', 'hex'), r->>'responseDigest'
            FROM jsonb_array_elements(:records) WITH ORDINALITY AS e(r, n)
            ORDER BY n
            RETURNING sequence, encode(content_hash, 'hex') AS content_hash""";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient database;
    private final Duration timeout;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    private final ObservationRegistry observations;

    private final SigningKeys signer;

    public AuditLog(DatabaseClient database, Duration timeout, SigningKeys signer) {
        this(database, timeout, signer, ObservationRegistry.NOOP);
    }

    /**
     * {@code signer}: this replica's key, which signs every record it writes (RecordSignature);
     * {@code observations}: each append is observed (timer and span shanzhi.audit.append, by outcome).
     */
    public AuditLog(DatabaseClient database, Duration timeout, SigningKeys signer, ObservationRegistry observations) {
        this.database = database;
        this.timeout = timeout;
        this.signer = signer;
        this.observations = observations;
    }

    /** The record's sequence number once it is committed; an error when it could not be. */
    public Mono<Long> append(AuditEntry entry) {
        return Mono.defer(() -> {
            Pending pending = new Pending(entry, RecordDigest.contentHash(entry), new CompletableFuture<>());
            waiting.add(pending);
            writeWaiting();
            // Cancelling (a timeout) cancels the future, and a cancelled record is not written.
            return Mono.fromFuture(pending.committed(), true);
        }).timeout(timeout).name("shanzhi.audit.append").tap(Micrometer.observation(observations));
    }

    /** INSERT statements sent so far. */
    public long statements() {
        return statements.get();
    }

    /** Records committed so far. */
    public long records() {
        return records.get();
    }

    private void writeWaiting() {
        if (!writing.compareAndSet(false, true)) {
            return; // the write under way takes these records up when it ends
        }
        List<Pending> group = new ArrayList<>();
        Pending next;
        while (group.size() < MAX_RECORDS && (next = waiting.poll()) != null) {
            if (!next.committed().isDone()) {
                group.add(next);
            }
        }
        if (group.isEmpty()) {
            writing.set(false);
            if (!waiting.isEmpty()) {
                writeWaiting(); // arrived between the poll and the reset
            }
            return;
        }
        insert(group).subscribe(
                sequences -> complete(group, sequences),
                failure -> {
                    StrayRecord.explain(failure);
                    group.forEach(pending -> pending.committed().completeExceptionally(failure));
                    groupDone();
                },
                this::groupDone);
    }

    private void groupDone() {
        writing.set(false);
        if (!waiting.isEmpty()) {
            writeWaiting();
        }
    }

    /** Bounded by the write timeout too, so a hung store cannot hold the one write slot for ever. */
    private Mono<Map<String, ArrayDeque<Long>>> insert(List<Pending> group) {
        return Mono.defer(() -> {
            ArrayNode array = JSON.createArrayNode();
            group.forEach(pending -> array.add(json(pending)));
            statements.incrementAndGet();
            return database.sql(INSERT)
                    .bind("records", Json.of(JSON.writeValueAsString(array)))
                    .map(row -> Map.entry(row.get("content_hash", String.class), row.get("sequence", Long.class)))
                    .all()
                    .collect(HashMap<String, ArrayDeque<Long>>::new,
                            (byHash, row) -> byHash.computeIfAbsent(row.getKey(), hash -> new ArrayDeque<>()).add(row.getValue()))
                    .<Map<String, ArrayDeque<Long>>>map(byHash -> byHash);
        }).timeout(timeout);
    }

    /** Records with equal content are interchangeable: either sequence is the right answer for either. */
    private void complete(List<Pending> group, Map<String, ArrayDeque<Long>> sequences) {
        for (Pending pending : group) {
            ArrayDeque<Long> forHash = sequences.get(pending.contentHash());
            Long sequence = forHash == null ? null : forHash.poll();
            if (sequence == null) {
                pending.committed().completeExceptionally(
                        new IllegalStateException("The audit store returned no sequence for a record"));
            } else {
                records.incrementAndGet();
                pending.committed().complete(sequence);
            }
        }
    }

    private ObjectNode json(Pending pending) {
        AuditEntry entry = pending.entry();
        ObjectNode record = JSON.createObjectNode();
        record.put("recordedAt", MICROS.format(entry.recordedAt().atOffset(ZoneOffset.UTC)));
        record.put("subject", entry.subject());
        entry.roles().forEach(record.putArray("roles")::add);
        record.put("scope", entry.scope());
        record.put("client", entry.client());
        record.put("workerId", entry.workerId());
        record.put("operationType", entry.operationType());
        record.put("operationName", entry.operationName());
        record.put("documentHash", entry.documentHash());
        entry.personIds().forEach(record.putArray("personIds")::add);
        entry.fields().forEach(record.putArray("fields")::add);
        record.put("outcome", entry.outcome().name());
        record.put("contentHash", pending.contentHash());
        // Signed by the one writer of the group, so callers do not wait on each other's signatures.
        String keyId = signer.activeKeyId();
        record.put("keyId", keyId);
        record.put("signature", HexFormat.of().formatHex(signer.sign(RecordSignature.message(pending.content(), keyId))));
        record.put("version", entry.version());
        record.put("variablesHash", entry.variablesHash());
        entry.connections().forEach(record.putArray("connections")::add);
        entry.refusals().forEach(record.putArray("refusals")::add);
        AccessPurpose purpose = entry.purpose();
        if (purpose != null) {
            record.put("purpose", purpose.code());
            record.put("purposeCase", purpose.caseNumber());
            if (purpose.disclosedFrom() != null) {
                record.put("disclosedFrom", MICROS.format(purpose.disclosedFrom().atOffset(ZoneOffset.UTC)));
            }
        }
        record.put("responseDigest", entry.responseDigest());
        return record;
    }

    private record Pending(AuditEntry entry, byte[] content, CompletableFuture<Long> committed) {
        String contentHash() {
            return HexFormat.of().formatHex(content);
        }
    }
}
