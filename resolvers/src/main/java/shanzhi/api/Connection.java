package shanzhi.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Relay connection as the schema's *Connection types expect it. `totalCount` is resolved by
 * {@link #counter} only when a client selects it, so a page never costs a count it didn't ask for;
 * likewise a cursor is sealed only when a client selects it (edges' cursor, start or end cursor).
 * Made by {@link Paging}, which seals the cursors for the connection and caller.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Supplier<CompletableFuture<Integer>> counter) {

    /** An edge; its cursor is sealed on first use and then stays the same. */
    public static final class Edge<T> {
        private final T node;
        private final Supplier<String> sealing;
        private String cursor;

        Edge(T node, Supplier<String> sealing) {
            this.node = node;
            this.sealing = sealing;
        }

        public T node() {
            return node;
        }

        public synchronized String cursor() {
            if (cursor == null) {
                cursor = sealing.get();
            }
            return cursor;
        }
    }

    public static final class PageInfo {
        private final boolean hasNextPage;
        private final boolean hasPreviousPage;
        private final Edge<?> start;
        private final Edge<?> end;

        PageInfo(boolean hasNextPage, boolean hasPreviousPage, Edge<?> start, Edge<?> end) {
            this.hasNextPage = hasNextPage;
            this.hasPreviousPage = hasPreviousPage;
            this.start = start;
            this.end = end;
        }

        public boolean hasNextPage() {
            return hasNextPage;
        }

        public boolean hasPreviousPage() {
            return hasPreviousPage;
        }

        public String startCursor() {
            return start == null ? null : start.cursor();
        }

        public String endCursor() {
            return end == null ? null : end.cursor();
        }
    }

    static <T> Connection<T> of(Page<T> page, boolean hasPrevious, Function<T, String> cursorOf,
                                Supplier<CompletableFuture<Integer>> counter) {
        List<Edge<T>> edges = page.rows().stream().map(row -> new Edge<>(row, () -> cursorOf.apply(row))).toList();
        PageInfo info = new PageInfo(page.hasNext(), hasPrevious, edges.isEmpty() ? null : edges.get(0),
                edges.isEmpty() ? null : edges.get(edges.size() - 1));
        return new Connection<>(edges, info, counter);
    }
}
