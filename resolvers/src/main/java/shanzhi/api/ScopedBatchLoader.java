package shanzhi.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.MappedBatchLoaderWithContext;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

/**
 * Base of every batch loader. Each load passes the request's {@link LoadContext} as the key's
 * context ({@link #load(DataFetchingEnvironment, String, Object)}), so no load can run without
 * the caller's scope, and results come back on the request's serial completion executor.
 */
public abstract class ScopedBatchLoader<K, V> implements MappedBatchLoaderWithContext<K, V> {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    protected abstract Mono<Map<K, V>> load(Set<K> keys, Scope scope);

    @Override
    public CompletionStage<Map<K, V>> load(Set<K> keys, BatchLoaderEnvironment environment) {
        LoadContext context = environment.getKeyContextsList().stream()
                .filter(LoadContext.class::isInstance).map(LoadContext.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("Batch load without a load context"));
        // The thread's observation (the request's trace) is carried over explicitly: a Reactor context
        // written here would otherwise hide it from the store call under automatic context propagation.
        ContextSnapshot current = SNAPSHOTS.captureAll();
        return load(keys, context.scope())
                .contextWrite(reactor -> current.updateContext(reactor).put(GraphQLContext.class, context.request()))
                .toFuture().thenApplyAsync(Function.identity(), context.completions());
    }

    /** Loads {@code key} through the named loader within the request's scope. */
    public static <K, V> CompletableFuture<V> load(DataFetchingEnvironment env, String loader, K key) {
        DataLoader<K, V> dataLoader = env.getDataLoader(loader);
        return dataLoader.load(key, LoadContext.of(env));
    }
}
