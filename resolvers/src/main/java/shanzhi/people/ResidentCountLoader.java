package shanzhi.people;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;

/**
 * Residents counted under each of many regions: Region.population and residents' totalCount.
 * Unfiltered counts (the population, and totalCount without a filter) are cached by region code,
 * already narrowed to the caller's scope; filtered ones are counted every time, since a filter
 * is the client's free text and each would be an entry of its own.
 */
@DgsDataLoader(name = ResidentCountLoader.NAME)
public class ResidentCountLoader extends CountsUnderRegion<PersonCriteria> {
    public static final String NAME = "residentCount";
    public static final ReferenceKind<String, Integer> POPULATION = ReferenceKind.of("population", Integer.class, "person");
    private final PeopleRepository people;
    private final ReferenceCache cache;

    public ResidentCountLoader(PeopleRepository people, ReferenceCache cache) {
        this.people = people;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<Key<PersonCriteria>, Integer>> load(Set<Key<PersonCriteria>> keys, Scope scope) {
        Map<Boolean, Set<Key<PersonCriteria>>> unfiltered = keys.stream()
                .collect(Collectors.partitioningBy(key -> PersonCriteria.NONE.equals(key.filter()), Collectors.toSet()));
        Set<String> populationCodes = unfiltered.get(true).stream().map(Key::regionCode).collect(Collectors.toSet());
        Mono<Map<Key<PersonCriteria>, Integer>> populations = populationCodes.isEmpty() ? Mono.just(Map.of())
                : cache.getAll(POPULATION, populationCodes, codes -> super.load(unfilteredKeys(codes), scope)
                                .map(ResidentCountLoader::byCode))
                        .map(found -> found.entrySet().stream().collect(Collectors.toMap(
                                entry -> new Key<>(entry.getKey(), PersonCriteria.NONE), Map.Entry::getValue)));
        Mono<Map<Key<PersonCriteria>, Integer>> filtered = unfiltered.get(false).isEmpty() ? Mono.just(Map.of())
                : super.load(unfiltered.get(false), scope);
        return Mono.zip(populations, filtered).map(both -> {
            Map<Key<PersonCriteria>, Integer> all = new HashMap<>(both.getT1());
            all.putAll(both.getT2());
            return all;
        });
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, PersonCriteria criteria) {
        return people.countUnder(regionCodes, criteria);
    }

    private static Set<Key<PersonCriteria>> unfilteredKeys(Set<String> codes) {
        return codes.stream().map(code -> new Key<>(code, PersonCriteria.NONE)).collect(Collectors.toSet());
    }

    private static Map<String, Integer> byCode(Map<Key<PersonCriteria>, Integer> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().regionCode(), Map.Entry::getValue));
    }
}
