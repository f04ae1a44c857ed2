package shanzhi.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scope rule for reference data ({@link Scope#sees}) applied in Java to rows that come from
 * the shared reference cache: the same rule {@link ScopeSql#sees} puts into SQL, so a cached
 * answer shows a caller exactly what the scoped statement would have. This is the security
 * boundary of the cache: every loader of cached reference data filters through here.
 */
public final class ScopeFilter {
    private ScopeFilter() {
    }

    /** The entries whose row lies under the scope or above it. */
    public static <K, V> Map<K, V> seen(Map<K, V> rows, Scope scope, Function<V, String> codeOf) {
        Map<K, V> visible = new HashMap<>();
        rows.forEach((key, row) -> {
            if (scope.sees(codeOf.apply(row))) {
                visible.put(key, row);
            }
        });
        return visible;
    }

    /** Each list narrowed to its rows that lie under the scope or above it, in order; empty lists are dropped. */
    public static <K, V> Map<K, List<V>> seenInLists(Map<K, List<V>> lists, Scope scope, Function<V, String> codeOf) {
        Map<K, List<V>> visible = new HashMap<>();
        lists.forEach((key, rows) -> {
            List<V> seen = rows.stream().filter(row -> scope.sees(codeOf.apply(row))).toList();
            if (!seen.isEmpty()) {
                visible.put(key, seen);
            }
        });
        return visible;
    }
}
