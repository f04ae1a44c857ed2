package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Links;
import shanzhi.people.PeopleRepository;
import shanzhi.people.PersonRow;
/** Persons of each incident: ids from the security store, persons in one people statement. */
@DgsDataLoader(name = IncidentPersonsLoader.NAME)
public class IncidentPersonsLoader extends ScopedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "incidentPersons";
    private final IncidentRepository incidents;
    private final PeopleRepository people;

    public IncidentPersonsLoader(IncidentRepository incidents, PeopleRepository people) {
        this.incidents = incidents;
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, List<PersonRow>>> load(Set<Long> keys, Scope scope) {
        return Links.resolve(incidents.personIdsOf(keys), ids -> people.findByIds(ids, scope), PersonRow::id);
    }
}
