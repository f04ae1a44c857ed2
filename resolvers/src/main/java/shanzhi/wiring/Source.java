package shanzhi.wiring;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import shanzhi.api.Batches;
import shanzhi.api.Links;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;

/**
 * Where a batch of keys finds its values: one batch loader per request, named {@link #name()}
 * (a type for the rows of an entity, shared by every field that leads to one; "Type.field" for a
 * field's own rows). Each kind carries its scope rule, so no declaration can leave it out:
 * {@link #records} are read in the caller's scope by their statement; {@link #references} are
 * cached as the store holds them and narrowed to the caller's scope after the cache
 * (ScopeFilter); {@link #links} read ids in one store and the rows through another source.
 */
public final class Source<K, V> {
    private final String name;
    private final Loading<K, V> loading;

    /** The loading of a batch, given the reference cache. */
    interface Loading<K, V> {
        Mono<Map<K, V>> load(Set<K> keys, Scope scope, ReferenceCache cache);
    }

    private Source(String name, Loading<K, V> loading) {
        this.name = Objects.requireNonNull(name);
        this.loading = loading;
    }

    /** Rows the statement reads in the caller's scope. */
    public static <K, V> Source<K, V> records(String name, Scoped<K, V> load) {
        return new Source<>(name, (keys, scope, cache) -> load.load(keys, scope));
    }

    /** Reference rows, cached as {@code kind}, shown where {@code regionOf} the row lies in or above the scope. */
    public static <K, V> Source<K, V> references(String name, ReferenceKind<K, V> kind, Unscoped<K, V> load,
                                                 Function<V, String> regionOf) {
        return new Source<>(name, (keys, scope, cache) -> cache.getAll(kind, keys, load::load)
                .map(found -> ScopeFilter.seen(found, scope, regionOf)));
    }

    /** Reference rows keyed by a region code, shown where that region lies in or above the scope. */
    public static <V> Source<String, V> referencesOfRegions(String name, ReferenceKind<String, V> kind,
                                                            Unscoped<String, V> load) {
        return new Source<>(name, (keys, scope, cache) -> cache.getAll(kind, keys, load::load).map(found -> {
            Map<String, V> visible = new HashMap<>(found);
            visible.keySet().removeIf(region -> !scope.sees(region));
            return visible;
        }));
    }

    /** Lists of reference rows, cached as {@code kind}, each narrowed to the rows in or above the scope. */
    public static <K, E> Source<K, List<E>> referenceLists(String name, ReferenceKind<K, List<E>> kind,
                                                          Unscoped<K, List<E>> load, Function<E, String> regionOf) {
        return new Source<>(name, (keys, scope, cache) -> cache.getAll(kind, keys, load::load)
                .map(found -> ScopeFilter.seenInLists(found, scope, regionOf)));
    }

    /**
     * Figures whose key already holds everything they depend on, the caller's scope included (a
     * region narrowed to it, and the field's arguments): cached as {@code kind} and shown as they
     * are, since an entry is what every caller asking that key may see.
     */
    public static <K, V> Source<K, V> aggregates(String name, ReferenceKind<K, V> kind, Unscoped<K, V> load) {
        return new Source<>(name, (keys, scope, cache) -> cache.getAll(kind, keys, load::load));
    }

    /**
     * Ids per key read from one store ({@code ids}, in the caller's scope where the ids are
     * personal), their rows from {@code target} in one batch, each key's order kept; ids the
     * target does not show the caller are dropped.
     */
    public static <K, I, V> Source<K, List<V>> links(String name, Scoped<K, List<I>> ids, Source<I, V> target) {
        return new Source<>(name, (keys, scope, cache) -> Links.resolve(ids.load(keys, scope),
                found -> target.load(found, scope, cache)));
    }

    /** As {@link #links}, with ids that are reference data: cached as {@code kind}. */
    public static <K, I, V> Source<K, List<V>> cachedLinks(String name, ReferenceKind<K, List<I>> kind,
                                                          Unscoped<K, List<I>> ids, Source<I, V> target) {
        return new Source<>(name, (keys, scope, cache) -> Links.resolve(cache.getAll(kind, keys, ids::load),
                found -> target.load(found, scope, cache)));
    }

    /**
     * Pages under regions: keys that share the filter, the page arguments and the region level go
     * to the store as one statement over the array of region codes (that level's index serves it).
     */
    public static <F, T> Source<UnderRegion.PageKey<F>, Page<T>> pagesUnderRegion(String name, UnderRegion.Pages<F, T> pages) {
        record Group<F>(F filter, PageArgs page, int level) {
        }
        return new Source<>(name, (keys, scope, cache) -> Batches.<UnderRegion.PageKey<F>, Group<F>, Page<T>>byGroup(keys,
                key -> new Group<>(key.filter(), key.page(), key.regionCode().length()),
                (group, batch) -> pages.pages(batch.stream().map(UnderRegion.PageKey::regionCode).toList(), group.filter(),
                        group.page()).map(found -> batch.stream().collect(Collectors.toMap(key -> key,
                        key -> found.getOrDefault(key.regionCode(), Page.empty()))))));
    }

    /** Counts under regions, batched as pages are (by filter and level). */
    public static <F> Source<UnderRegion.CountKey<F>, Integer> countsUnderRegion(String name, UnderRegion.Counts<F> counts) {
        return new Source<>(name, (keys, scope, cache) -> counted(keys, counts));
    }

    /**
     * As {@link #countsUnderRegion(String, UnderRegion.Counts)}, with the unfiltered counts (a
     * region's population) cached as {@code kind} by region code: the keys are narrowed to the
     * caller's scope already, so an entry is what every caller asking that region may see. A
     * filtered count is the client's free text and is counted every time.
     */
    public static <F> Source<UnderRegion.CountKey<F>, Integer> countsUnderRegion(String name, UnderRegion.Counts<F> counts,
                                                                                F unfiltered, ReferenceKind<String, Integer> kind) {
        return new Source<>(name, (keys, scope, cache) -> {
            Map<Boolean, List<UnderRegion.CountKey<F>>> split = keys.stream()
                    .collect(Collectors.partitioningBy(key -> Objects.equals(unfiltered, key.filter())));
            Set<String> plain = split.get(true).stream().map(UnderRegion.CountKey::regionCode).collect(Collectors.toSet());
            Mono<Map<UnderRegion.CountKey<F>, Integer>> cached = plain.isEmpty() ? Mono.just(Map.of())
                    : cache.getAll(kind, plain, codes -> counted(codes.stream()
                                    .map(code -> new UnderRegion.CountKey<>(code, unfiltered)).toList(), counts)
                            .map(found -> found.entrySet().stream().collect(Collectors.toMap(
                                    entry -> entry.getKey().regionCode(), Map.Entry::getValue))))
                    .map(found -> found.entrySet().stream().collect(Collectors.toMap(
                            entry -> new UnderRegion.CountKey<>(entry.getKey(), unfiltered), Map.Entry::getValue)));
            Mono<Map<UnderRegion.CountKey<F>, Integer>> filtered = split.get(false).isEmpty() ? Mono.just(Map.of())
                    : counted(split.get(false), counts);
            return Mono.zip(cached, filtered).map(both -> {
                Map<UnderRegion.CountKey<F>, Integer> all = new HashMap<>(both.getT1());
                all.putAll(both.getT2());
                return all;
            });
        });
    }

    private static <F> Mono<Map<UnderRegion.CountKey<F>, Integer>> counted(Collection<UnderRegion.CountKey<F>> keys,
                                                                         UnderRegion.Counts<F> counts) {
        record Group<F>(F filter, int level) {
        }
        return Batches.<UnderRegion.CountKey<F>, Group<F>, Integer>byGroup(keys,
                key -> new Group<>(key.filter(), key.regionCode().length()),
                (group, batch) -> counts.counts(batch.stream().map(UnderRegion.CountKey::regionCode).toList(), group.filter())
                        .map(found -> batch.stream().collect(Collectors.toMap(key -> key,
                                key -> found.getOrDefault(key.regionCode(), 0)))));
    }

    public String name() {
        return name;
    }

    Mono<Map<K, V>> load(Set<K> keys, Scope scope, ReferenceCache cache) {
        return loading.load(keys, scope, cache);
    }
}
