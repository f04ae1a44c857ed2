package shanzhi.people;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = HouseholdLoader.NAME)
public class HouseholdLoader extends ScopedBatchLoader<Long, HouseholdRow> {
    public static final String NAME = "householdById";
    private final PeopleRepository people;

    public HouseholdLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, HouseholdRow>> load(Set<Long> keys, Scope scope) {
        return people.findHouseholds(keys, scope).collectMap(HouseholdRow::id, Function.identity());
    }
}
