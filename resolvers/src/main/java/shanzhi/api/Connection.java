package shanzhi.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Relay connection as the schema's *Connection types expect it. `totalCount` is resolved by
 * {@link #counter} only when a client selects it, so a page never costs a count it didn't ask for.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Supplier<CompletableFuture<Integer>> counter) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public static <T> Connection<T> of(Page<T> page, PageArgs args, Function<T, String> cursorOf,
                                       Supplier<CompletableFuture<Integer>> counter) {
        List<Edge<T>> edges = page.rows().stream().map(row -> new Edge<>(cursorOf.apply(row), row)).toList();
        PageInfo info = new PageInfo(page.hasNext(), args.after() != null,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>(edges, info, counter);
    }
}
