package shanzhi.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Batch keys of a paged or filtered field carry the field's arguments. Keys with equal
 * arguments share one statement, so a request costs one statement per distinct argument set
 * (per alias), never one per parent row.
 */
public final class Batches {
    private Batches() {
    }

    public static <K, G, V> Mono<Map<K, V>> byGroup(Collection<K> keys, Function<K, G> groupOf,
                                                    BiFunction<G, List<K>, Mono<Map<K, V>>> load) {
        Map<G, List<K>> groups = new LinkedHashMap<>();
        for (K key : keys) {
            groups.computeIfAbsent(groupOf.apply(key), g -> new java.util.ArrayList<>()).add(key);
        }
        return Flux.fromIterable(groups.entrySet())
                .flatMap(group -> load.apply(group.getKey(), group.getValue()))
                .collect(HashMap::new, Map::putAll);
    }
}
