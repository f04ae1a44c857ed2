package shanzhi.gateway.live;

import java.util.LinkedHashMap;
import java.util.Map;

import shanzhi.api.LiveEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of one live-stream entry: {@code department}, {@code id}, {@code topic},
 * {@code cell} (absent when the change has no place) and {@code payload} (the row as JSON text).
 * Flat strings, so any Redis client (or redis-cli) can read the stream.
 */
final class StreamEntry {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private StreamEntry() {
    }

    static Map<String, String> fields(String department, OutboxRow row) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("department", department);
        fields.put("id", Long.toString(row.id()));
        fields.put("topic", row.topic());
        if (row.cellCode() != null) {
            fields.put("cell", row.cellCode());
        }
        fields.put("payload", row.payloadJson());
        return fields;
    }

    /** The event an entry announces; IllegalArgumentException when the entry is not one of ours. */
    static LiveEvent decode(Map<String, String> fields) {
        String department = fields.get("department");
        String id = fields.get("id");
        String topic = fields.get("topic");
        String payload = fields.get("payload");
        if (department == null || id == null || topic == null || payload == null) {
            throw new IllegalArgumentException("live stream entry lacks department, id, topic or payload: "
                    + fields.keySet());
        }
        try {
            return new LiveEvent(department, Long.parseLong(id), topic, fields.get("cell"), JSON.readValue(payload, OBJECT));
        } catch (NumberFormatException | JacksonException e) {
            throw new IllegalArgumentException("unreadable live stream entry " + department + "/" + id, e);
        }
    }
}
