package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Links;
import shanzhi.grid.RegionRepository;
import shanzhi.grid.RegionRow;
/** Villages of each adviser: codes from the legal store, regions in one grid statement. */
@DgsDataLoader(name = AdviserVillagesLoader.NAME)
public class AdviserVillagesLoader extends ScopedBatchLoader<Long, List<RegionRow>> {
    public static final String NAME = "adviserVillages";
    private final LegalServiceRepository services;
    private final RegionRepository regions;

    public AdviserVillagesLoader(LegalServiceRepository services, RegionRepository regions) {
        this.services = services;
        this.regions = regions;
    }

    @Override
    protected Mono<Map<Long, List<RegionRow>>> load(Set<Long> keys, Scope scope) {
        return Links.resolve(services.villageCodesOf(keys), codes -> regions.findByCodes(codes, scope), RegionRow::code);
    }
}
