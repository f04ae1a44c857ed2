package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

/** Incidents per person (Person.incidents), newest first. */
@DgsDataLoader(name = PersonIncidentsLoader.NAME)
public class PersonIncidentsLoader implements MappedBatchLoader<Long, List<IncidentRow>> {
    public static final String NAME = "personIncidents";
    private final IncidentRepository incidents;

    public PersonIncidentsLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public CompletionStage<Map<Long, List<IncidentRow>>> load(Set<Long> keys) {
        return incidents.ofPersons(keys).toFuture();
    }
}
