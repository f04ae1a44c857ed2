package shanzhi.wiring;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.Caller;
import shanzhi.api.Connection;
import shanzhi.api.Page;
import shanzhi.api.Paging;
import shanzhi.api.ReferenceCache;

/**
 * A connection under a region: the caller sees the part of the region under their scope (the
 * region code narrowed to it, so pages and counts lie in the same index range and agree), its
 * cursors bound to the field, the region, the field's arguments and the caller (Paging), and its
 * totalCount counted only when asked.
 */
final class ConnectionField<F, T> {
    private final Function<DataFetchingEnvironment, String> region;
    private final Function<DataFetchingEnvironment, F> filter;
    private final Supplier<Source<UnderRegion.PageKey<F>, Page<T>>> pages;
    private final Supplier<Source<UnderRegion.CountKey<F>, Integer>> counts;
    private final Function<T, String> positionOf;

    ConnectionField(Function<DataFetchingEnvironment, String> region, Function<DataFetchingEnvironment, F> filter,
                    Supplier<Source<UnderRegion.PageKey<F>, Page<T>>> pages,
                    Supplier<Source<UnderRegion.CountKey<F>, Integer>> counts, Function<T, String> positionOf) {
        this.region = region;
        this.filter = filter;
        this.pages = pages;
        this.counts = counts;
        this.positionOf = positionOf;
    }

    DataFetcher<CompletableFuture<Connection<T>>> fetcher(ReferenceCache cache) {
        Source<UnderRegion.PageKey<F>, Page<T>> pageSource = pages.get();
        Source<UnderRegion.CountKey<F>, Integer> countSource = counts.get();
        return env -> {
            String regionCode = region.apply(env);
            F criteria = filter.apply(env);
            Paging paging = Paging.of(env, regionCode);
            var visible = Caller.of(env).scope().narrow(regionCode);
            if (visible.isEmpty()) {
                return CompletableFuture.completedFuture(paging.empty());
            }
            String code = visible.get();
            return BoundField.load(env, pageSource, cache, new UnderRegion.PageKey<>(code, criteria, paging.page()))
                    .thenApply(rows -> paging.connection(rows, positionOf, () -> BoundField.load(env, countSource, cache,
                            new UnderRegion.CountKey<>(code, criteria))));
        };
    }
}
