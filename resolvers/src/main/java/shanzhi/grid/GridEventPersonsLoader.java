package shanzhi.grid;

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
/** Persons of each event: ids from the grid store, then the persons in one people statement. */
@DgsDataLoader(name = GridEventPersonsLoader.NAME)
public class GridEventPersonsLoader extends ScopedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "gridEventPersons";
    private final GridEventRepository events;
    private final PeopleRepository people;

    public GridEventPersonsLoader(GridEventRepository events, PeopleRepository people) {
        this.events = events;
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, List<PersonRow>>> load(Set<Long> keys, Scope scope) {
        return Links.resolve(events.personIdsOf(keys), ids -> people.findByIds(ids, scope), PersonRow::id);
    }
}
