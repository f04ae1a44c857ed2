package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

import shanzhi.people.PeopleRepository;
import shanzhi.people.PersonRow;
import shanzhi.api.Links;

/** Persons of each event: ids from the grid store, then the persons in one people statement. */
@DgsDataLoader(name = GridEventPersonsLoader.NAME)
public class GridEventPersonsLoader implements MappedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "gridEventPersons";
    private final GridEventRepository events;
    private final PeopleRepository people;

    public GridEventPersonsLoader(GridEventRepository events, PeopleRepository people) {
        this.events = events;
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, List<PersonRow>>> load(Set<Long> eventIds) {
        return Links.resolve(events.personIdsOf(eventIds), people::findByIds, PersonRow::id).toFuture();
    }
}
