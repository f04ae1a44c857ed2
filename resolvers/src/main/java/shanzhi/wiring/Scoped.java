package shanzhi.wiring;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;

/**
 * A batch of keys to a department's rows, read in the caller's scope: the statement applies it
 * (ScopeSql), so a row outside the scope is not returned. One statement per batch.
 */
@FunctionalInterface
public interface Scoped<K, V> {
    Mono<Map<K, V>> load(Set<K> keys, Scope scope);
}
