package shanzhi.api;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Reads the columns of a row as {@code to_jsonb(row)} gives it: numbers as JSON numbers,
 * timestamps as ISO-8601 strings with an offset, enums as their text. A missing or malformed
 * column is an IllegalArgumentException naming it.
 */
public final class RowPayload {
    private RowPayload() {
    }

    public static long number(Map<String, Object> payload, String column) {
        Object value = payload.get(column);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            return Long.parseLong(text);
        }
        throw new IllegalArgumentException("column " + column + " is not a number: " + value);
    }

    public static String text(Map<String, Object> payload, String column) {
        Object value = payload.get(column);
        if (value == null) {
            throw new IllegalArgumentException("column " + column + " is missing");
        }
        return value.toString();
    }

    /** In the district's time, as rows read from the stores are. */
    public static OffsetDateTime time(Map<String, Object> payload, String column) {
        return DistrictTime.local(OffsetDateTime.parse(text(payload, column)));
    }

    public static <E extends Enum<E>> E value(Map<String, Object> payload, String column, Class<E> type) {
        return Enum.valueOf(type, text(payload, column));
    }
}
