package shanzhi.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.dataloader.DataLoader;

import graphql.schema.DataFetchingEnvironment;

/** Builds a connection field from a {@link PagesUnderRegion} and a {@link CountsUnderRegion} loader. */
public final class ConnectionUnderRegion {
    private ConnectionUnderRegion() {
    }

    public static <F, T> CompletableFuture<Connection<T>> load(DataFetchingEnvironment env, String pagesLoader,
                                                               String countsLoader, String regionCode, F filter,
                                                               PageArgs page, Function<T, String> cursorOf) {
        DataLoader<PagesUnderRegion.Key<F>, Page<T>> pages = env.getDataLoader(pagesLoader);
        DataLoader<CountsUnderRegion.Key<F>, Integer> counts = env.getDataLoader(countsLoader);
        return pages.load(new PagesUnderRegion.Key<>(regionCode, filter, page))
                .thenApply(rows -> Connection.of(rows, page, cursorOf,
                        () -> counts.load(new CountsUnderRegion.Key<>(regionCode, filter))));
    }
}
