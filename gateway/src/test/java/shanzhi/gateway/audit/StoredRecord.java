package shanzhi.gateway.audit;

import java.util.List;

/** One row of audit_record as a test reads it back. */
record StoredRecord(long sequence, String subject, List<String> roles, String scope, String client, Long workerId,
                    String operationType, String operationName, String documentHash, List<Long> personIds,
                    List<String> fields, String outcome) {
}
