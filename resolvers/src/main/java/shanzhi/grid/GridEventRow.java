package shanzhi.grid;

import java.time.OffsetDateTime;

import shanzhi.schema.types.GridEventCategory;
import shanzhi.schema.types.GridEventStatus;

public record GridEventRow(long id, GridEventCategory category, GridEventStatus status, String description,
                           OffsetDateTime reportedAt, String cellCode, long reporterId) {
}
