package shanzhi.wiring;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.LoadContext;
import shanzhi.api.ReferenceCache;

/**
 * The data fetcher of a bound field: its key, loaded through its source's batch loader in the
 * request (created on first use, named by the source). A plain fetcher rather than a DGS method:
 * it reads only its parent and the request's load context, and the I/O is the loader's, so it is
 * trivial (graphql-java and Spring skip their per-call context work for it).
 */
final class BoundField<K, V> {
    private final Supplier<Source<K, V>> source;
    private final Function<DataFetchingEnvironment, K> key;
    private final V whenMissing;

    BoundField(Supplier<Source<K, V>> source, Function<DataFetchingEnvironment, K> key, V whenMissing) {
        this.source = source;
        this.key = key;
        this.whenMissing = whenMissing;
    }

    /** The fetcher, with the sources resolved (every entity is declared by now). */
    TrivialDataFetcher<Object> fetcher(ReferenceCache cache) {
        Source<K, V> resolved = source.get();
        return env -> {
            K at = key.apply(env);
            if (at == null) {
                return whenMissing;
            }
            CompletableFuture<V> loaded = load(env, resolved, cache, at);
            return whenMissing == null ? loaded : loaded.thenApply(found -> found == null ? whenMissing : found);
        };
    }

    /** {@code key} through the request's batch loader of {@code source}, created on first use. */
    static <K, V> CompletableFuture<V> load(DataFetchingEnvironment env, Source<K, V> source, ReferenceCache cache, K key) {
        env.getDataLoaderRegistry().computeIfAbsent(source.name(),
                name -> DataLoaderFactory.newMappedDataLoader(name, new SourceLoader<>(source, cache), null));
        // Through the environment, not the registry: its loader tells the engine's dispatching a load is pending.
        DataLoader<K, V> loader = env.getDataLoader(source.name());
        return loader.load(key, LoadContext.of(env));
    }
}
