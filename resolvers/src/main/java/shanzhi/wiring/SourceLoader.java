package shanzhi.wiring;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** A source's batch loader within one request: the request's scope, the gateway's reference cache. */
final class SourceLoader<K, V> extends ScopedBatchLoader<K, V> {
    private final Source<K, V> source;
    private final ReferenceCache cache;

    SourceLoader(Source<K, V> source, ReferenceCache cache) {
        this.source = source;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<K, V>> load(Set<K> keys, Scope scope) {
        return source.load(keys, scope, cache);
    }
}
