package shanzhi.people;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

@DgsDataLoader(name = HouseholdLoader.NAME)
public class HouseholdLoader implements MappedBatchLoader<Long, HouseholdRow> {
    public static final String NAME = "householdById";
    private final PeopleRepository people;

    public HouseholdLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, HouseholdRow>> load(Set<Long> ids) {
        return people.findHouseholds(ids).collectMap(HouseholdRow::id, Function.identity()).toFuture();
    }
}
