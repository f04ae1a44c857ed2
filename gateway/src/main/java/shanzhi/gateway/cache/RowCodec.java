package shanzhi.gateway.cache;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import shanzhi.api.ReferenceKind;

/**
 * A kind's values as JSON text in Redis. "null" stands for "the store has no row for this key".
 * The fingerprint names the value's shape (record component names and types), so during a rolling
 * deploy that changes a row record, replicas of each version read and write their own entries and
 * never decode the other's.
 */
final class RowCodec {
    static final String ABSENT = "null";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JavaType type;
    private final String fingerprint;

    RowCodec(ReferenceKind<?, ?> kind) {
        this.type = kind.list()
                ? JSON.getTypeFactory().constructCollectionType(List.class, kind.rowType())
                : JSON.getTypeFactory().constructType(kind.rowType());
        this.fingerprint = fingerprint(kind);
    }

    String encode(Object value) {
        return value == null ? ABSENT : JSON.writeValueAsString(value);
    }

    /** The value, or null when the text says the row is absent. */
    Object decode(String text) {
        return ABSENT.equals(text) ? null : JSON.readValue(text, type);
    }

    String fingerprint() {
        return fingerprint;
    }

    private static String fingerprint(ReferenceKind<?, ?> kind) {
        Class<?> row = kind.rowType();
        String shape = row.isRecord()
                ? Arrays.stream(row.getRecordComponents()).map(RecordComponent::getGenericType)
                        .map(java.lang.reflect.Type::getTypeName).collect(Collectors.joining(","))
                        + "|" + Arrays.stream(row.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(","))
                : row.getName();
        CRC32 crc = new CRC32();
        crc.update((kind.list() + ":" + shape).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
