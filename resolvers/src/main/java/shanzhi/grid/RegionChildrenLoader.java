package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;

/** Children of each region: all of them cached, then those the caller sees. */
@DgsDataLoader(name = RegionChildrenLoader.NAME)
public class RegionChildrenLoader extends ScopedBatchLoader<String, List<RegionRow>> {
    public static final String NAME = "regionChildren";
    public static final ReferenceKind<String, List<RegionRow>> KIND = ReferenceKind.listOf("region-children", RegionRow.class, "region");
    private final RegionRepository regions;
    private final ReferenceCache cache;

    public RegionChildrenLoader(RegionRepository regions, ReferenceCache cache) {
        this.regions = regions;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, List<RegionRow>>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, regions::childrenOf).map(found -> ScopeFilter.seenInLists(found, scope, RegionRow::code));
    }
}
