package shanzhi.gateway.limits;

import java.util.Map;

/**
 * What a cache entry keyed by one request's operation costs in memory, about: the parsed document
 * and what is derived from it grow with the document's text, and the key holds the request's
 * variables, which a client may make as large as the body limit allows. Caches of such entries
 * are bounded by this weight, never by a count of entries (2,000 entries of 1 MiB of variables
 * would not fit the heap).
 */
public final class OperationWeight {
    private OperationWeight() {
    }

    /** The weight of an entry for a document of {@code queryLength} characters and these variables. */
    public static int of(int queryLength, Map<String, Object> variables) {
        // A document's syntax tree and what is derived from it take tens of bytes per character.
        return (int) Math.min(Integer.MAX_VALUE, 1024L + 32L * queryLength + weight(variables));
    }

    /** About the bytes a value holds (its strings, numbers, lists and maps). */
    static long weight(Object value) {
        if (value instanceof Map<?, ?> map) {
            long sum = 16;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sum += weight(entry.getKey()) + weight(entry.getValue());
            }
            return sum;
        }
        if (value instanceof Iterable<?> items) {
            long sum = 16;
            for (Object item : items) {
                sum += weight(item);
            }
            return sum;
        }
        return value == null ? 4 : 8 + (value instanceof CharSequence text ? 2L * text.length() : 16);
    }
}
