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
@DgsDataLoader(name = PoliceRoomOfVillageLoader.NAME)
public class PoliceRoomOfVillageLoader extends ScopedBatchLoader<String, PoliceRoomRow> {
    public static final String NAME = "policeRoomOfVillage";
    private final PoliceRepository police;

    public PoliceRoomOfVillageLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    protected Mono<Map<String, PoliceRoomRow>> load(Set<String> keys, Scope scope) {
        return police.roomsOfVillages(keys);
    }
}
