package shanzhi.gateway.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One entry of a person's access history (Query.personAccessHistory): an audit record that names
 * the person, as the resident may be shown it. {@code purpose} is null when the request declared
 * none that a field needed; its disclosure time is not shown (a withheld record is not shown at all).
 */
public record AccessEvent(long sequence, OffsetDateTime at, String subject, List<String> roles, String client,
                          String operationType, String operationName, List<String> fields, AccessPurpose purpose,
                          String outcome) {
}
