package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = PoliceStationLoader.NAME)
public class PoliceStationLoader implements MappedBatchLoader<Long, PoliceStationRow> {
    public static final String NAME = "policeStationById";
    private final PoliceRepository police;

    public PoliceStationLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    public CompletionStage<Map<Long, PoliceStationRow>> load(Set<Long> keys) {
        return police.stationsByIds(keys).collectMap(PoliceStationRow::id, Function.identity()).toFuture();
    }
}
