package shanzhi.gateway.audit;

import java.time.Instant;

/**
 * The purpose of access a request declared and was allowed (shanzhi.gateway.purpose.Purposes), as
 * its audit record keeps it: the code, the case number when given, and for an investigation
 * purpose declared by POLICE the time from which the read may be shown in the person's access
 * history (null: at once).
 */
public record AccessPurpose(String code, String caseNumber, Instant disclosedFrom) {
}
