package shanzhi.people;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

@DgsComponent
public class HouseholdFields {

    @DgsData(parentType = "Person", field = "household")
    public CompletableFuture<HouseholdRow> household(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        DataLoader<Long, HouseholdRow> households = env.getDataLoader(HouseholdLoader.NAME);
        return households.load(person.householdId());
    }

    @DgsData(parentType = "Household", field = "members")
    public CompletableFuture<List<PersonRow>> members(DgsDataFetchingEnvironment env) {
        HouseholdRow household = env.getSource();
        DataLoader<Long, List<PersonRow>> members = env.getDataLoader(HouseholdMembersLoader.NAME);
        return members.load(household.id()).thenApply(found -> found == null ? List.of() : found);
    }
}
