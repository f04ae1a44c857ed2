package shanzhi.grid;

import static shanzhi.api.RowPayload.number;
import static shanzhi.api.RowPayload.text;
import static shanzhi.api.RowPayload.time;
import static shanzhi.api.RowPayload.value;

import java.util.Map;

import shanzhi.schema.types.GridEventCategory;
import shanzhi.schema.types.GridEventStatus;

/** A grid_event row as the outbox carries it ({@code to_jsonb(grid_event)}). */
final class GridEventPayload {
    private GridEventPayload() {
    }

    static GridEventRow row(Map<String, Object> payload) {
        return new GridEventRow(number(payload, "id"), value(payload, "category", GridEventCategory.class),
                value(payload, "status", GridEventStatus.class), text(payload, "description"),
                time(payload, "reported_at"), text(payload, "cell_code"), number(payload, "reporter_id"));
    }
}
