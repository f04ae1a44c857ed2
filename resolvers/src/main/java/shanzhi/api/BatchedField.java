package shanzhi.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * A field that is one key into a batch loader, for fields resolved once per item of a list
 * (the parties of each dispute, the household of each person). Registered as a plain fetcher
 * through a department's code registry instead of a DGS @DgsData method: those are invoked
 * reflectively and wrapped by Spring for GraphQL to restore thread-local context around every
 * call, which for 50 people a page was about 6% of the gateway's CPU. Neither is needed here:
 * the fetcher reads only its source and the request's load context, and the I/O is the
 * loader's. It is marked trivial for that reason (graphql-java and Spring then skip the per-call
 * context and instrumentation work they do for fetchers that may block or use thread locals).
 * Used for the lists of persons and households under each item; the single-key fields of the
 * same shape (an event's region, a worker's grid) are still @DgsData methods.
 *
 * @param whenMissing the value for a key the loader found nothing for (an empty list), or null
 */
public record BatchedField<S, K, V>(String loader, Function<S, K> key, V whenMissing)
        implements TrivialDataFetcher<CompletableFuture<V>> {

    @Override
    public CompletableFuture<V> get(DataFetchingEnvironment env) {
        S source = env.getSource();
        CompletableFuture<V> loaded = ScopedBatchLoader.load(env, loader, key.apply(source));
        return whenMissing == null ? loaded : loaded.thenApply(found -> found == null ? whenMissing : found);
    }
}
