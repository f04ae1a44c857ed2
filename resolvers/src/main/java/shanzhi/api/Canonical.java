package shanzhi.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One canonical text for request values (a GraphQL request's variables, a field's arguments):
 * map keys sorted, every value typed and length-prefixed, so equal values always encode alike and
 * no two different values encode alike. Cursors bind to a connection's arguments with it, and the
 * audit trail's keyed hash of a request's variables is taken over it (an auditor recomputes it
 * from a suspected request).
 * <p>
 * Grammar: null {@code n}; map {@code {<size>:<key><value>...}} (keys as strings, sorted);
 * list {@code [<size>:<item>...]}; string {@code s<length>:<text>}; boolean {@code t} or
 * {@code f}; anything else (numbers, dates, enum values) {@code d<length>:<toString>}; lengths in
 * UTF-16 code units, as Java counts them.
 */
public final class Canonical {
    private Canonical() {
    }

    public static byte[] bytes(Object value) {
        StringBuilder text = new StringBuilder();
        append(value, text);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(Object value, StringBuilder out) {
        if (value == null) {
            out.append('n');
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
            out.append('{').append(sorted.size()).append(':');
            sorted.forEach((key, item) -> {
                append(key, out);
                append(item, out);
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[').append(list.size()).append(':');
            list.forEach(item -> append(item, out));
            out.append(']');
        } else if (value instanceof String string) {
            out.append('s').append(string.length()).append(':').append(string);
        } else if (value instanceof Boolean bool) {
            out.append(bool ? 't' : 'f');
        } else {
            String text = value.toString();
            out.append('d').append(text.length()).append(':').append(text);
        }
    }
}
