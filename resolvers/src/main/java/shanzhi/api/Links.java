package shanzhi.api;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Follows references that cross stores: "ids per owner" read from one store become "rows per
 * owner" with one statement to the store that holds the rows, keeping each owner's order.
 * Ids the other store does not know are dropped: the stores are separate and may disagree.
 */
public final class Links {
    private Links() {
    }

    /** The rows of each owner's ids, fetched as a map by id in one batch (a source's answer). */
    public static <K, I, V> Mono<Map<K, List<V>>> resolve(Mono<Map<K, List<I>>> idsByOwner,
                                                                Function<Set<I>, Mono<Map<I, V>>> fetch) {
        return idsByOwner.flatMap(links -> {
            Set<I> ids = new LinkedHashSet<>();
            links.values().forEach(ids::addAll);
            if (ids.isEmpty()) {
                return Mono.just(Map.<K, List<V>>of());
            }
            return fetch.apply(ids).map(found -> {
                Map<K, List<V>> result = new HashMap<>();
                links.forEach((owner, ownerIds) -> result.put(owner,
                        ownerIds.stream().map(found::get).filter(Objects::nonNull).toList()));
                return result;
            });
        });
    }
}
