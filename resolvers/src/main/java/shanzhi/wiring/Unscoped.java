package shanzhi.wiring;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * A batch of keys to reference rows as the store holds them, for every caller alike: what the
 * reference cache keeps. The caller's scope is applied after it, by the source (Source.references).
 */
@FunctionalInterface
public interface Unscoped<K, V> {
    Mono<Map<K, V>> load(Set<K> keys);
}
