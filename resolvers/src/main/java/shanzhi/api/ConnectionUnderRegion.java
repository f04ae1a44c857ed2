package shanzhi.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.schema.DataFetchingEnvironment;

/**
 * Builds a connection field from a {@link PagesUnderRegion} and a {@link CountsUnderRegion} loader,
 * limited to the caller's scope, its cursors bound to the field, {@code regionCode} (the parent),
 * the field's arguments and the caller (see {@link Paging}).
 */
public final class ConnectionUnderRegion {
    private ConnectionUnderRegion() {
    }

    public static <F, T> CompletableFuture<Connection<T>> load(DataFetchingEnvironment env, String pagesLoader,
                                                               String countsLoader, String regionCode, F filter,
                                                               Function<T, String> positionOf) {
        Paging paging = Paging.of(env, regionCode);
        PageArgs page = paging.page();
        // The caller sees only the part of the region under their scope: narrowing the region
        // code puts the scope into the same index range as the region, so pages and counts agree.
        var visible = Caller.of(env).scope().narrow(regionCode);
        if (visible.isEmpty()) {
            return CompletableFuture.completedFuture(paging.empty());
        }
        String code = visible.get();
        return ScopedBatchLoader.<PagesUnderRegion.Key<F>, Page<T>>load(env, pagesLoader,
                        new PagesUnderRegion.Key<>(code, filter, page))
                .thenApply(rows -> paging.connection(rows, positionOf,
                        () -> ScopedBatchLoader.<CountsUnderRegion.Key<F>, Integer>load(env, countsLoader,
                                new CountsUnderRegion.Key<>(code, filter))));
    }
}
