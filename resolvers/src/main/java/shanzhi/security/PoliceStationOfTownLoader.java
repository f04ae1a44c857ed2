package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Reference data keyed by a region the caller already sees, so the scope adds no condition. */
@DgsDataLoader(name = PoliceStationOfTownLoader.NAME)
public class PoliceStationOfTownLoader extends ScopedBatchLoader<String, PoliceStationRow> {
    public static final String NAME = "policeStationOfTown";
    private final PoliceRepository police;

    public PoliceStationOfTownLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    protected Mono<Map<String, PoliceStationRow>> load(Set<String> keys, Scope scope) {
        return police.stationsOfTowns(keys);
    }
}
