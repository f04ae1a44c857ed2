package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = PoliceStationOfTownLoader.NAME)
public class PoliceStationOfTownLoader implements MappedBatchLoader<String, PoliceStationRow> {
    public static final String NAME = "policeStationOfTown";
    private final PoliceRepository police;

    public PoliceStationOfTownLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    public CompletionStage<Map<String, PoliceStationRow>> load(Set<String> keys) {
        return police.stationsOfTowns(keys).toFuture();
    }
}
