package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Regions by code, for every field in any store that refers to a region. */
@DgsDataLoader(name = RegionLoader.NAME)
public class RegionLoader extends ScopedBatchLoader<String, RegionRow> {
    public static final String NAME = "regionByCode";
    private final RegionRepository regions;

    public RegionLoader(RegionRepository regions) {
        this.regions = regions;
    }

    @Override
    protected Mono<Map<String, RegionRow>> load(Set<String> keys, Scope scope) {
        return regions.findByCodes(keys, scope).collectMap(RegionRow::code, Function.identity());
    }
}
