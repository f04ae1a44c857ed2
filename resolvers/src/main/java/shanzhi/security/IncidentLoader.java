package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = IncidentLoader.NAME)
public class IncidentLoader extends ScopedBatchLoader<Long, IncidentRow> {
    public static final String NAME = "incidentById";
    private final IncidentRepository incidents;

    public IncidentLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    protected Mono<Map<Long, IncidentRow>> load(Set<Long> keys, Scope scope) {
        return incidents.findByIds(keys, scope).collectMap(IncidentRow::id, Function.identity());
    }
}
