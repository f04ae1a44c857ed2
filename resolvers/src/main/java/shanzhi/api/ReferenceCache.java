package shanzhi.api;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Where batch loaders of reference data (regions, stations, rooms, offices, advisers) get their
 * rows: what is cached is answered from the cache, the rest by {@code load} in one call, whose
 * answers are cached for the next request. The cache never applies a scope: entries are the
 * store's unscoped rows, shared by every caller, and the loader filters them for its caller
 * ({@link ScopeFilter}) after the cache, exactly as its SQL would.
 * <p>
 * Keys {@code load} does not return are cached as absent (the store has no such row); changes
 * of the kind's tables, inserts included, invalidate them like any other entry. The gateway
 * implements it (package shanzhi.gateway.cache); {@link #DIRECT} asks the store every time.
 */
public interface ReferenceCache {

    ReferenceCache DIRECT = new ReferenceCache() {
        @Override
        public <K, V> Mono<Map<K, V>> getAll(ReferenceKind<K, V> kind, Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> load) {
            return load.apply(keys);
        }
    };

    <K, V> Mono<Map<K, V>> getAll(ReferenceKind<K, V> kind, Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> load);
}
