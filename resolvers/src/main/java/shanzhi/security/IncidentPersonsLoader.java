package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

import shanzhi.api.Links;
import shanzhi.people.PeopleRepository;
import shanzhi.people.PersonRow;

/** Persons of each incident: ids from the security store, persons in one people statement. */
@DgsDataLoader(name = IncidentPersonsLoader.NAME)
public class IncidentPersonsLoader implements MappedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "incidentPersons";
    private final IncidentRepository incidents;
    private final PeopleRepository people;

    public IncidentPersonsLoader(IncidentRepository incidents, PeopleRepository people) {
        this.incidents = incidents;
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, List<PersonRow>>> load(Set<Long> keys) {
        return Links.resolve(incidents.personIdsOf(keys), people::findByIds, PersonRow::id).toFuture();
    }
}
