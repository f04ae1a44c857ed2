package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.RegionCode;
import shanzhi.people.PersonRow;

/** Person fields answered by the grid store. */
@DgsComponent
public class PersonGridFields {

    @DgsData(parentType = "Person", field = "cell")
    public CompletableFuture<RegionRow> cell(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, person.cellCode());
    }

    @DgsData(parentType = "Person", field = "gridWorkers")
    public CompletableFuture<List<GridWorkerRow>> gridWorkers(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        return ScopedBatchLoader.<String, List<GridWorkerRow>>load(env, GridWorkersOfGridLoader.NAME, RegionCode.gridScopeOf(person.cellCode()))
                .thenApply(found -> found == null ? List.of() : found);
    }
}
