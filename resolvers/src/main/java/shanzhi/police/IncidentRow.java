package shanzhi.police;

import java.time.OffsetDateTime;

import shanzhi.schema.types.IncidentCategory;
import shanzhi.schema.types.IncidentStatus;

public record IncidentRow(long id, IncidentCategory category, String subcategory, OffsetDateTime occurredAt,
                          IncidentStatus status, String summary, String cellCode) {
}
