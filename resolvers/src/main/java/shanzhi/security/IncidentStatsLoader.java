package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

import shanzhi.api.Batches;

/** Region.incidentStats for many regions: one aggregate statement per distinct year. */
@DgsDataLoader(name = IncidentStatsLoader.NAME)
public class IncidentStatsLoader implements MappedBatchLoader<IncidentStatsLoader.Key, List<IncidentStatRow>> {
    public static final String NAME = "incidentStats";
    private final IncidentRepository incidents;

    public record Key(String regionCode, int year) {
    }

    public IncidentStatsLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public CompletionStage<Map<Key, List<IncidentStatRow>>> load(Set<Key> keys) {
        return Batches.<Key, Integer, List<IncidentStatRow>>byGroup(keys, Key::year,
                (year, group) -> incidents.stats(group.stream().map(Key::regionCode).toList(), year)
                        .map(stats -> group.stream().collect(Collectors.toMap(key -> key,
                                key -> stats.get(key.regionCode())))))
                .toFuture();
    }
}
