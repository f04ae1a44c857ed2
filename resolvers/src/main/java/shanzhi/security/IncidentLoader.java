package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = IncidentLoader.NAME)
public class IncidentLoader implements MappedBatchLoader<Long, IncidentRow> {
    public static final String NAME = "incidentById";
    private final IncidentRepository incidents;

    public IncidentLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public CompletionStage<Map<Long, IncidentRow>> load(Set<Long> keys) {
        return incidents.findByIds(keys).collectMap(IncidentRow::id, Function.identity()).toFuture();
    }
}
