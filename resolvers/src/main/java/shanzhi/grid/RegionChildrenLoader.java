package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = RegionChildrenLoader.NAME)
public class RegionChildrenLoader extends ScopedBatchLoader<String, List<RegionRow>> {
    public static final String NAME = "regionChildren";
    private final RegionRepository regions;

    public RegionChildrenLoader(RegionRepository regions) {
        this.regions = regions;
    }

    @Override
    protected Mono<Map<String, List<RegionRow>>> load(Set<String> keys, Scope scope) {
        return regions.childrenOf(keys, scope);
    }
}
