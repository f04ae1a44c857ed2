package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** The station of a room the caller sees: its town lies above or under the scope. */
@DgsDataLoader(name = PoliceStationLoader.NAME)
public class PoliceStationLoader extends ScopedBatchLoader<Long, PoliceStationRow> {
    public static final String NAME = "policeStationById";
    private final PoliceRepository police;

    public PoliceStationLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    protected Mono<Map<Long, PoliceStationRow>> load(Set<Long> keys, Scope scope) {
        return police.stationsByIds(keys).collectMap(PoliceStationRow::id, Function.identity());
    }
}
