package shanzhi.people;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

@DgsDataLoader(name = HouseholdMembersLoader.NAME)
public class HouseholdMembersLoader implements MappedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "householdMembers";
    private final PeopleRepository people;

    public HouseholdMembersLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, List<PersonRow>>> load(Set<Long> householdIds) {
        return people.membersOf(householdIds).toFuture();
    }
}
