package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Incidents per person (Person.incidents), newest first. */
@DgsDataLoader(name = PersonIncidentsLoader.NAME)
public class PersonIncidentsLoader extends ScopedBatchLoader<Long, List<IncidentRow>> {
    public static final String NAME = "personIncidents";
    private final IncidentRepository incidents;

    public PersonIncidentsLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    protected Mono<Map<Long, List<IncidentRow>>> load(Set<Long> keys, Scope scope) {
        return incidents.ofPersons(keys, scope);
    }
}
