package shanzhi.police;

import static shanzhi.api.RowPayload.number;
import static shanzhi.api.RowPayload.text;
import static shanzhi.api.RowPayload.time;
import static shanzhi.api.RowPayload.value;

import java.util.Map;

import shanzhi.schema.types.IncidentCategory;
import shanzhi.schema.types.IncidentStatus;

/** An incident row as the outbox carries it ({@code to_jsonb(incident)}). */
final class IncidentPayload {
    private IncidentPayload() {
    }

    static IncidentRow row(Map<String, Object> payload) {
        return new IncidentRow(number(payload, "id"), value(payload, "category", IncidentCategory.class),
                text(payload, "subcategory"), time(payload, "occurred_at"), value(payload, "status", IncidentStatus.class),
                text(payload, "summary"), text(payload, "cell_code"));
    }
}
