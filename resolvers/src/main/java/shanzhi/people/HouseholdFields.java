package shanzhi.people;

import java.util.List;
import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import shanzhi.api.ScopedBatchLoader;

@DgsComponent
public class HouseholdFields {

    @DgsData(parentType = "Person", field = "household")
    public CompletableFuture<HouseholdRow> household(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        return ScopedBatchLoader.<Long, HouseholdRow>load(env, HouseholdLoader.NAME, person.householdId());
    }

    @DgsData(parentType = "Household", field = "members")
    public CompletableFuture<List<PersonRow>> members(DgsDataFetchingEnvironment env) {
        HouseholdRow household = env.getSource();
        return ScopedBatchLoader.<Long, List<PersonRow>>load(env, HouseholdMembersLoader.NAME, household.id()).thenApply(found -> found == null ? List.of() : found);
    }
}
