package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Batches;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Region.incidentStats for many regions (already narrowed to the scope): one statement per year. */
@DgsDataLoader(name = IncidentStatsLoader.NAME)
public class IncidentStatsLoader extends ScopedBatchLoader<IncidentStatsLoader.Key, List<IncidentStatRow>> {
    public static final String NAME = "incidentStats";
    private final IncidentRepository incidents;

    public record Key(String regionCode, int year) {
    }

    public IncidentStatsLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    protected Mono<Map<Key, List<IncidentStatRow>>> load(Set<Key> keys, Scope scope) {
        return Batches.<Key, Integer, List<IncidentStatRow>>byGroup(keys, Key::year,
                (year, group) -> incidents.stats(group.stream().map(Key::regionCode).toList(), year)
                        .map(stats -> group.stream().collect(Collectors.toMap(key -> key,
                                key -> stats.get(key.regionCode())))));
    }
}
