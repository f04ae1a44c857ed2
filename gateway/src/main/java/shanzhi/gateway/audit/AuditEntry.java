package shanzhi.gateway.audit;

import java.time.Instant;
import java.util.List;

/**
 * The content of one audit record, everything the chain protects except its position: who
 * (subject, roles, scope, client, grid worker id), when, the operation (type, name, the keyed
 * hashes of the document that ran and of its variables), the persons and the Person fields read
 * or written, the lists of persons read, the refusals, and the outcome. Lists are sorted and the
 * time is in microseconds, so the database returns exactly what was hashed.
 * <p>
 * {@code version} says how the record was written and so how its content hash is computed
 * (RecordDigest): 1 for the records written before refusals existed (their document hash was a
 * plain sha256 of document and variables; no variables hash, refusals or connections), 2 for
 * those written before purposes of access existed, 3 since (adds the purpose: code, case number,
 * disclosure time; null when the request declared none that a field needed), 4 since signed
 * responses (adds the hex sha256 of the exact response body a signed client was sent; null for
 * every other record).
 * A later version adds fields by adding to the encoding, never by changing an older one.
 */
public record AuditEntry(int version, Instant recordedAt, String subject, List<String> roles, String scope,
                         String client, Long workerId, String operationType, String operationName,
                         String documentHash, String variablesHash, List<Long> personIds, List<String> fields,
                         List<String> connections, List<String> refusals, Outcome outcome,
                         AccessPurpose purpose, String responseDigest) {
    public static final int CURRENT = 4;

    /** How the request ended as far as its client can tell. */
    public enum Outcome {
        /** Data and no errors. */
        OK,
        /** Data with some field errors. */
        PARTIAL,
        /** Errors and no data. */
        FAILED,
        /** A rule refused part of it (a FORBIDDEN field, a lookup that found nobody in scope): see refusals. */
        REFUSED;

        public static Outcome of(boolean noErrors, boolean hasData, boolean refused) {
            if (refused) {
                return REFUSED;
            }
            if (noErrors) {
                return OK;
            }
            return hasData ? PARTIAL : FAILED;
        }
    }

    public AuditEntry {
        roles = roles.stream().sorted().toList();
        personIds = personIds.stream().sorted().toList();
        fields = fields.stream().sorted().toList();
        connections = connections.stream().sorted().toList();
        refusals = refusals.stream().sorted().toList();
    }

    /** A record of a response that was not signed. */
    public AuditEntry(int version, Instant recordedAt, String subject, List<String> roles, String scope,
                      String client, Long workerId, String operationType, String operationName,
                      String documentHash, String variablesHash, List<Long> personIds, List<String> fields,
                      List<String> connections, List<String> refusals, Outcome outcome, AccessPurpose purpose) {
        this(version, recordedAt, subject, roles, scope, client, workerId, operationType, operationName, documentHash,
                variablesHash, personIds, fields, connections, refusals, outcome, purpose, null);
    }

    /** The same record for a response whose body has this digest. */
    public AuditEntry withResponseDigest(String digest) {
        return new AuditEntry(version, recordedAt, subject, roles, scope, client, workerId, operationType, operationName,
                documentHash, variablesHash, personIds, fields, connections, refusals, outcome, purpose, digest);
    }

    /** A record without a purpose of access. */
    public AuditEntry(int version, Instant recordedAt, String subject, List<String> roles, String scope,
                      String client, Long workerId, String operationType, String operationName,
                      String documentHash, String variablesHash, List<Long> personIds, List<String> fields,
                      List<String> connections, List<String> refusals, Outcome outcome) {
        this(version, recordedAt, subject, roles, scope, client, workerId, operationType, operationName, documentHash,
                variablesHash, personIds, fields, connections, refusals, outcome, null, null);
    }
}
