package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Links;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.grid.RegionLoader;
import shanzhi.grid.RegionRepository;
import shanzhi.grid.RegionRow;

/**
 * Villages of each adviser: codes from the legal store, regions from the grid store, both through
 * the reference cache; then the villages the caller sees.
 */
@DgsDataLoader(name = AdviserVillagesLoader.NAME)
public class AdviserVillagesLoader extends ScopedBatchLoader<Long, List<RegionRow>> {
    public static final String NAME = "adviserVillages";
    public static final ReferenceKind<Long, List<String>> KIND =
            ReferenceKind.listOf("adviser-villages", String.class, "adviser_village");
    private final LegalServiceRepository services;
    private final RegionRepository regions;
    private final ReferenceCache cache;

    public AdviserVillagesLoader(LegalServiceRepository services, RegionRepository regions, ReferenceCache cache) {
        this.services = services;
        this.regions = regions;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<Long, List<RegionRow>>> load(Set<Long> keys, Scope scope) {
        Mono<Map<Long, List<String>>> codes = cache.getAll(KIND, keys, services::villageCodesOf);
        return Links.resolve(codes, found -> cache.getAll(RegionLoader.KIND, Set.copyOf(found), regions::byCodes)
                        .flatMapIterable(Map::values), RegionRow::code)
                .map(villages -> ScopeFilter.seenInLists(villages, scope, RegionRow::code));
    }
}
