package shanzhi.grid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

/** Regions by code, for every field in any store that refers to a region. */
@DgsDataLoader(name = RegionLoader.NAME)
public class RegionLoader implements MappedBatchLoader<String, RegionRow> {
    public static final String NAME = "regionByCode";
    private final RegionRepository regions;

    public RegionLoader(RegionRepository regions) {
        this.regions = regions;
    }

    @Override
    public CompletionStage<Map<String, RegionRow>> load(Set<String> codes) {
        return regions.findByCodes(codes).collectMap(RegionRow::code, Function.identity()).toFuture();
    }
}
