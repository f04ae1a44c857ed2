package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import shanzhi.api.ScopedBatchLoader;

@DgsComponent
public class RegionTreeFields {

    @DgsData(parentType = "Region", field = "parent")
    public CompletableFuture<RegionRow> parent(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.parentCode() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, region.parentCode());
    }

    @DgsData(parentType = "Region", field = "children")
    public CompletableFuture<List<RegionRow>> children(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return ScopedBatchLoader.<String, List<RegionRow>>load(env, RegionChildrenLoader.NAME, region.code()).thenApply(found -> found == null ? List.of() : found);
    }
}
