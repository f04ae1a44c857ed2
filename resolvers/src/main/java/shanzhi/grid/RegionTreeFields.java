package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

@DgsComponent
public class RegionTreeFields {

    @DgsData(parentType = "Region", field = "parent")
    public CompletableFuture<RegionRow> parent(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.parentCode() == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<String, RegionRow> loader = env.getDataLoader(RegionLoader.NAME);
        return loader.load(region.parentCode());
    }

    @DgsData(parentType = "Region", field = "children")
    public CompletableFuture<List<RegionRow>> children(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        DataLoader<String, List<RegionRow>> loader = env.getDataLoader(RegionChildrenLoader.NAME);
        return loader.load(region.code()).thenApply(found -> found == null ? List.of() : found);
    }
}
