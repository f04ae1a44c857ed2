package shanzhi.legal;

import java.time.OffsetDateTime;

import shanzhi.schema.types.DisputeCategory;
import shanzhi.schema.types.DisputeStatus;

public record DisputeRow(long id, DisputeCategory category, DisputeStatus status, String summary,
                         OffsetDateTime reportedAt, OffsetDateTime resolvedAt, String cellCode) {
}
