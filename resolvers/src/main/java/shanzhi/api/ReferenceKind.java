package shanzhi.api;

import java.util.List;
import java.util.Set;

/**
 * One kind of cached reference data: a name (part of the cache keys), the store tables whose
 * changes make its entries stale, and the type of the cached value (a row record, or a list of
 * them when {@code list}). Entries hold what the store returned for the key without the caller's
 * scope, so one entry serves every caller and the loader must apply the scope after the cache.
 * Aggregates (incident statistics, population counts) are kinds too: their key carries the region
 * already narrowed to the caller's scope and every argument the figure depends on, so the entry
 * is exactly what any caller asking that key may see.
 *
 * @param <K> the key (a region code or an id); its string form is the key in the cache
 * @param <V> the value: {@code rowType}, or {@code List<rowType>}
 */
public record ReferenceKind<K, V>(String name, Set<String> tables, Class<?> rowType, boolean list) {

    public ReferenceKind {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("Reference kind names are lowercase words with dashes: " + name);
        }
        tables = Set.copyOf(tables);
    }

    /** A kind whose value is one row of {@code rowType}. */
    public static <K, V> ReferenceKind<K, V> of(String name, Class<V> rowType, String... tables) {
        return new ReferenceKind<>(name, Set.of(tables), rowType, false);
    }

    /** A kind whose value is a list of {@code rowType}, in the store's order. */
    public static <K, E> ReferenceKind<K, List<E>> listOf(String name, Class<E> rowType, String... tables) {
        return new ReferenceKind<>(name, Set.of(tables), rowType, true);
    }

    /** Whether a change of {@code table} makes this kind's entries stale. */
    public boolean dependsOn(String table) {
        return tables.contains(table);
    }
}
