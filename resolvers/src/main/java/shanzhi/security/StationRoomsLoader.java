package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Rooms of each station, as far as their villages are seen by the caller. */
@DgsDataLoader(name = StationRoomsLoader.NAME)
public class StationRoomsLoader extends ScopedBatchLoader<Long, List<PoliceRoomRow>> {
    public static final String NAME = "stationRooms";
    private final PoliceRepository police;

    public StationRoomsLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    protected Mono<Map<Long, List<PoliceRoomRow>>> load(Set<Long> keys, Scope scope) {
        return police.roomsOfStations(keys, scope);
    }
}
