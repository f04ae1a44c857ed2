package shanzhi.gateway.audit;

import java.util.List;

/** One row of audit_record as a test reads it back. */
public record StoredRecord(long sequence, String subject, List<String> roles, String scope, String client, Long workerId,
                    String operationType, String operationName, String documentHash, List<Long> personIds,
                    List<String> fields, String outcome, int version, String variablesHash, List<String> connections,
                    List<String> refusals) {
}
