package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

import shanzhi.api.Links;
import shanzhi.grid.RegionRepository;
import shanzhi.grid.RegionRow;

/** Villages of each adviser: codes from the legal store, regions in one grid statement. */
@DgsDataLoader(name = AdviserVillagesLoader.NAME)
public class AdviserVillagesLoader implements MappedBatchLoader<Long, List<RegionRow>> {
    public static final String NAME = "adviserVillages";
    private final LegalServiceRepository services;
    private final RegionRepository regions;

    public AdviserVillagesLoader(LegalServiceRepository services, RegionRepository regions) {
        this.services = services;
        this.regions = regions;
    }

    @Override
    public CompletionStage<Map<Long, List<RegionRow>>> load(Set<Long> keys) {
        return Links.resolve(services.villageCodesOf(keys), regions::findByCodes, RegionRow::code).toFuture();
    }
}
