package shanzhi.people;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

/** Residents by id, for every field in any store that refers to a person. */
@DgsDataLoader(name = PersonLoader.NAME)
public class PersonLoader implements MappedBatchLoader<Long, PersonRow> {
    public static final String NAME = "personById";
    private final PeopleRepository people;

    public PersonLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, PersonRow>> load(Set<Long> ids) {
        return people.findByIds(ids).collectMap(PersonRow::id, Function.identity()).toFuture();
    }
}
