package shanzhi.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sha256 (hex) of a request's document and variables. Variables are written in a canonical form
 * (keys sorted, values typed and length-prefixed), so the same request always hashes alike and
 * an auditor holding a suspected request can prove it was this one without the trail storing
 * the variables themselves (which may be ID numbers).
 */
public final class DocumentHash {
    private DocumentHash() {
    }

    public static String of(String document, Map<String, Object> variables) {
        StringBuilder text = new StringBuilder();
        canonical(document, text);
        canonical(variables == null ? Map.of() : variables, text);
        return HexFormat.of().formatHex(RecordDigest.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void canonical(Object value, StringBuilder out) {
        if (value == null) {
            out.append('n');
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
            out.append('{').append(sorted.size()).append(':');
            sorted.forEach((key, item) -> {
                canonical(key, out);
                canonical(item, out);
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[').append(list.size()).append(':');
            list.forEach(item -> canonical(item, out));
            out.append(']');
        } else if (value instanceof String string) {
            out.append('s').append(string.length()).append(':').append(string);
        } else if (value instanceof Boolean bool) {
            out.append(bool ? 't' : 'f');
        } else {
            String number = value.toString();
            out.append('d').append(number.length()).append(':').append(number);
        }
    }
}
