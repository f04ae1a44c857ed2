package shanzhi.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

/**
 * Base of the loaders behind "a page of X under each of these regions". Keys that share the
 * filter and page arguments and the region level go to the store as one statement over the
 * array of region codes (one level per statement, so the store can use that level's index).
 *
 * @param <F> the field's filter arguments (a record, or null for none)
 * @param <T> the row type
 */
public abstract class PagesUnderRegion<F, T> extends ScopedBatchLoader<PagesUnderRegion.Key<F>, Page<T>> {

    public record Key<F>(String regionCode, F filter, PageArgs page) {
    }

    private record Args<F>(F filter, PageArgs page, int level) {
    }

    protected abstract Mono<Map<String, Page<T>>> pages(List<String> regionCodes, F filter, PageArgs page);

    /** The keys' region codes are already narrowed to the caller's scope (ConnectionUnderRegion). */
    @Override
    protected Mono<Map<Key<F>, Page<T>>> load(Set<Key<F>> keys, Scope scope) {
        return Batches.<Key<F>, Args<F>, Page<T>>byGroup(keys, key -> new Args<>(key.filter(), key.page(), key.regionCode().length()),
                (args, group) -> pages(group.stream().map(Key::regionCode).toList(), args.filter(), args.page())
                        .map(found -> group.stream().collect(Collectors.toMap(key -> key,
                                key -> found.getOrDefault(key.regionCode(), Page.empty())))));
    }
}
