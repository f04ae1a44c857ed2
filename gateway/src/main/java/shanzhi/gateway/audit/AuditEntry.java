package shanzhi.gateway.audit;

import java.time.Instant;
import java.util.List;

/**
 * The content of one audit record, everything the chain protects except its position: who
 * (subject, roles, scope, client, grid worker id), when, the operation (type, name and the hash
 * of document and variables), the persons and the Person fields read or written, and the outcome.
 * Lists are sorted and the time is in microseconds, so the database returns exactly what was hashed.
 */
public record AuditEntry(Instant recordedAt, String subject, List<String> roles, String scope, String client,
                         Long workerId, String operationType, String operationName, String documentHash,
                         List<Long> personIds, List<String> fields, Outcome outcome) {

    /** How the request ended as far as its client can tell. */
    public enum Outcome {
        /** Data and no errors. */
        OK,
        /** Data with some field errors. */
        PARTIAL,
        /** Errors and no data. */
        FAILED
    }

    public AuditEntry {
        roles = roles.stream().sorted().toList();
        personIds = personIds.stream().sorted().toList();
        fields = fields.stream().sorted().toList();
    }
}
