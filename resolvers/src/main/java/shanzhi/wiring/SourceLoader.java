package shanzhi.wiring;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.MappedBatchLoaderWithContext;

import graphql.GraphQLContext;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import shanzhi.api.LoadContext;
import shanzhi.api.ReferenceCache;

/**
 * A source's batch loader within one request. Every load passes the request's {@link LoadContext}
 * as its key context (BoundField), so no batch runs without the caller's scope, and its results
 * come back on the request's serial completion executor.
 */
final class SourceLoader<K, V> implements MappedBatchLoaderWithContext<K, V> {
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();
    private final Source<K, V> source;
    private final ReferenceCache cache;

    SourceLoader(Source<K, V> source, ReferenceCache cache) {
        this.source = source;
        this.cache = cache;
    }

    @Override
    public CompletionStage<Map<K, V>> load(Set<K> keys, BatchLoaderEnvironment environment) {
        LoadContext context = environment.getKeyContextsList().stream()
                .filter(LoadContext.class::isInstance).map(LoadContext.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("Batch load without a load context"));
        // The request's observation (its trace) and ids, as Spring for GraphQL copied them from the
        // request's Reactor context into the GraphQL context: with limited context propagation the
        // thread a batch is dispatched on holds none of them.
        ContextSnapshot current = SNAPSHOTS.captureFrom(context.request());
        return source.load(keys, context.scope(), cache)
                .contextWrite(reactor -> current.updateContext(reactor).put(GraphQLContext.class, context.request()))
                .toFuture().thenApplyAsync(Function.identity(), context.completions());
    }
}
