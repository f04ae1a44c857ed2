package shanzhi.gateway.audit;

import java.time.Duration;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Appends records to the audit store. One INSERT per record; the database's audit_link trigger
 * gives it its sequence and chains it to the head under a row lock, so any number of gateway
 * replicas can append at once and still leave one chain.
 */
public class AuditLog {
    private static final String INSERT = """
            INSERT INTO audit_record (recorded_at, subject, roles, scope, client, worker_id, operation_type,
                                      operation_name, document_hash, person_ids, fields, outcome, content_hash)
            VALUES (:recordedAt, :subject, :roles, :scope, :client, :workerId, :operationType,
                    :operationName, :documentHash, :personIds, :fields, :outcome, :contentHash)
            RETURNING sequence""";
    private final DatabaseClient database;
    private final Duration timeout;

    public AuditLog(DatabaseClient database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    /** The record's sequence number once it is committed; an error when it could not be. */
    public Mono<Long> append(AuditEntry entry) {
        DatabaseClient.GenericExecuteSpec insert = database.sql(INSERT)
                .bind("recordedAt", entry.recordedAt().atOffset(ZoneOffset.UTC))
                .bind("subject", entry.subject())
                .bind("roles", entry.roles().toArray(String[]::new))
                .bind("scope", entry.scope())
                .bind("client", entry.client())
                .bind("operationType", entry.operationType())
                .bind("documentHash", entry.documentHash())
                .bind("personIds", entry.personIds().toArray(Long[]::new))
                .bind("fields", entry.fields().toArray(String[]::new))
                .bind("outcome", entry.outcome().name())
                .bind("contentHash", RecordDigest.contentHash(entry));
        insert = entry.workerId() == null ? insert.bindNull("workerId", Long.class) : insert.bind("workerId", entry.workerId());
        insert = entry.operationName() == null ? insert.bindNull("operationName", String.class)
                : insert.bind("operationName", entry.operationName());
        return insert.map(row -> row.get("sequence", Long.class)).one()
                .switchIfEmpty(Mono.error(new IllegalStateException("The audit store returned no sequence")))
                .timeout(timeout);
    }
}
