package shanzhi.grid;

import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;

/** Regions by code, for every field in any store that refers to a region; cached, then scoped. */
@DgsDataLoader(name = RegionLoader.NAME)
public class RegionLoader extends ScopedBatchLoader<String, RegionRow> {
    public static final String NAME = "regionByCode";
    public static final ReferenceKind<String, RegionRow> KIND = ReferenceKind.of("region", RegionRow.class, "region");
    private final RegionRepository regions;
    private final ReferenceCache cache;

    public RegionLoader(RegionRepository regions, ReferenceCache cache) {
        this.regions = regions;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, RegionRow>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, regions::byCodes).map(found -> ScopeFilter.seen(found, scope, RegionRow::code));
    }
}
