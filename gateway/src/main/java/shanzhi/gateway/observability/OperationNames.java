package shanzhi.gateway.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Bounds the operation names used as meter tags. The name comes from the client's document, so
 * it is hostile: only GraphQL names of at most 64 characters are kept, and only the first
 * {@code max} distinct ones; every later name is "other" and anonymous operations are
 * "anonymous". A client inventing names cannot grow the registry without bound.
 */
final class OperationNames {
    static final String OTHER = "other";
    static final String ANONYMOUS = "anonymous";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    private final int max;

    OperationNames(int max) {
        this.max = max;
    }

    String tag(String name) {
        if (name == null || name.isEmpty()) {
            return ANONYMOUS;
        }
        if (!NAME.matcher(name).matches()) {
            return OTHER;
        }
        if (kept.contains(name)) {
            return name;
        }
        synchronized (kept) {
            if (kept.size() < max) {
                kept.add(name);
                return name;
            }
        }
        return OTHER;
    }
}
