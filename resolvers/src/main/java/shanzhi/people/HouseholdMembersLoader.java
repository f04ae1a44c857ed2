package shanzhi.people;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = HouseholdMembersLoader.NAME)
public class HouseholdMembersLoader extends ScopedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "householdMembers";
    private final PeopleRepository people;

    public HouseholdMembersLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, List<PersonRow>>> load(Set<Long> keys, Scope scope) {
        return people.membersOf(keys, scope);
    }
}
