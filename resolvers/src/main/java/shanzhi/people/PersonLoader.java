package shanzhi.people;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Residents by id, for every field in any store that refers to a person. */
@DgsDataLoader(name = PersonLoader.NAME)
public class PersonLoader extends ScopedBatchLoader<Long, PersonRow> {
    public static final String NAME = "personById";
    private final PeopleRepository people;

    public PersonLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, PersonRow>> load(Set<Long> keys, Scope scope) {
        return people.findByIds(keys, scope).collectMap(PersonRow::id, Function.identity());
    }
}
