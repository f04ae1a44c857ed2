package shanzhi.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

/** Base of the loaders behind totalCount (and population): counted in SQL, never loaded. */
public abstract class CountsUnderRegion<F> extends ScopedBatchLoader<CountsUnderRegion.Key<F>, Integer> {

    public record Key<F>(String regionCode, F filter) {
    }

    private record Args<F>(F filter, int level) {
    }

    protected abstract Mono<Map<String, Integer>> counts(List<String> regionCodes, F filter);

    /** The keys' region codes are already narrowed to the caller's scope. */
    @Override
    protected Mono<Map<Key<F>, Integer>> load(Set<Key<F>> keys, Scope scope) {
        return Batches.<Key<F>, Args<F>, Integer>byGroup(keys, key -> new Args<>(key.filter(), key.regionCode().length()),
                (args, group) -> counts(group.stream().map(Key::regionCode).toList(), args.filter())
                        .map(found -> group.stream().collect(Collectors.toMap(key -> key,
                                key -> found.getOrDefault(key.regionCode(), 0)))));
    }
}
