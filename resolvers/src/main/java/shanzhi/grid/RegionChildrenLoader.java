package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

@DgsDataLoader(name = RegionChildrenLoader.NAME)
public class RegionChildrenLoader implements MappedBatchLoader<String, List<RegionRow>> {
    public static final String NAME = "regionChildren";
    private final RegionRepository regions;

    public RegionChildrenLoader(RegionRepository regions) {
        this.regions = regions;
    }

    @Override
    public CompletionStage<Map<String, List<RegionRow>>> load(Set<String> codes) {
        return regions.childrenOf(codes).toFuture();
    }
}
