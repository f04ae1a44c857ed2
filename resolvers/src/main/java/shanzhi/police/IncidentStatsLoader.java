package shanzhi.police;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Batches;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/**
 * Region.incidentStats for many regions (already narrowed to the scope): cached, then one
 * statement per year for what the cache misses. The key is the narrowed region and the year,
 * which is all the figures depend on, so an entry is the same for every caller who asks it.
 */
@DgsDataLoader(name = IncidentStatsLoader.NAME)
public class IncidentStatsLoader extends ScopedBatchLoader<IncidentStatsLoader.Key, List<IncidentStatRow>> {
    public static final String NAME = "incidentStats";
    public static final ReferenceKind<Key, List<IncidentStatRow>> KIND =
            ReferenceKind.listOf("incident-stats", IncidentStatRow.class, "incident");
    private final IncidentRepository incidents;
    private final ReferenceCache cache;

    /** @param regionCode the part of the asked region the caller sees (Scope.narrow), never the asked one */
    public record Key(String regionCode, int year) {
        /** The key's name in the cache. */
        @Override
        public String toString() {
            return regionCode + "/" + year;
        }
    }

    public IncidentStatsLoader(IncidentRepository incidents, ReferenceCache cache) {
        this.incidents = incidents;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<Key, List<IncidentStatRow>>> load(Set<Key> keys, Scope scope) {
        return cache.getAll(KIND, keys, this::fromStore);
    }

    private Mono<Map<Key, List<IncidentStatRow>>> fromStore(Set<Key> keys) {
        return Batches.<Key, Integer, List<IncidentStatRow>>byGroup(keys, Key::year,
                (year, group) -> incidents.stats(group.stream().map(Key::regionCode).toList(), year)
                        .map(stats -> group.stream().collect(Collectors.toMap(key -> key,
                                key -> stats.get(key.regionCode())))));
    }
}
